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

        var low = Math.Max(1, maxRequests - jitter);
        var high = maxRequests + jitter;
        return random.Next(low, high + 1);
    }
}
