namespace Supervisor.Worker.Requests;

/// <summary>Counts requests as they start and tells which one reaches the worker's quota.</summary>
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

    /// <summary>Counts a starting request; true for exactly one request: the one that reaches the quota.</summary>
    public bool Start() => Interlocked.Increment(ref _started) == _quota && _quota > 0;
}
