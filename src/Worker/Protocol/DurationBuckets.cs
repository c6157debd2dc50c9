namespace Supervisor.Worker.Protocol;

/// <summary>
/// The fixed buckets of the request duration histogram, from 5 ms to 60 s: Prometheus's default buckets, which
/// stop at 10 s, extended to the 30 s of Gunicorn's default <c>timeout</c> and a minute beyond it. Fixed, so that
/// every worker of every generation counts into the same buckets and the master can add them up.
/// </summary>
internal static class DurationBuckets
{
    /// <summary>Upper bounds (inclusive, as Prometheus's <c>le</c>) in microseconds.</summary>
    public static ReadOnlySpan<long> UpperBoundsMicros =>
        [5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000];

    /// <summary>The bounded buckets and one more for everything past 60 s.</summary>
    public const int Count = 14;

    /// <summary>The bucket a request of this duration counts in: the first whose bound it does not pass.</summary>
    public static int IndexOf(long micros)
    {
        var bounds = UpperBoundsMicros;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (micros <= bounds[i])
            {
                return i;
            }
        }

        return Count - 1;
    }
}
