namespace Supervisor.Master;

/// <summary>Draws each worker's request quota uniformly from [N - J, N + J], at least 1; 0 means no quota.</summary>
internal static class QuotaDraw
{
    public static int Next(Random random, int maxRequests, int jitter)
    {
        if (maxRequests <= 0)
        {
            return 0;
        }

        // In long: max_requests + jitter may pass int.MaxValue.
        var low = Math.Max(1L, (long)maxRequests - jitter);
        var high = Math.Min(int.MaxValue, (long)maxRequests + jitter);
        return (int)random.NextInt64(low, high + 1);
    }
}
