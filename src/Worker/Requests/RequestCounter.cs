namespace Supervisor.Worker.Requests;

/// <summary>Numbers requests as they start and tells which of them are at or past the worker's quota.</summary>
internal sealed class RequestCounter
{
    private readonly long _quota;
    private long _started;

    /// <param name="quota">The request quota; 0 means none.</param>
    public RequestCounter(long quota)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quota);
        _quota = quota;
    }

    public long Quota => _quota;

    /// <summary>Requests started so far, including those still running.</summary>
    public long Started => Volatile.Read(ref _started);

    /// <summary>Counts a starting request and returns its number: 1 for the first, each number given once.</summary>
    public long Start() => Interlocked.Increment(ref _started);

    /// <summary>True for exactly one request number: the one that reaches the quota.</summary>
    public bool ReachesQuota(long number) => _quota > 0 && number == _quota;

    /// <summary>
    /// True for the request that reaches the quota and every one numbered after it. Decided from the number alone,
    /// so it holds the moment the quota is reached, before the drain that follows has begun.
    /// </summary>
    public bool IsAtOrPastQuota(long number) => _quota > 0 && number >= _quota;
}
