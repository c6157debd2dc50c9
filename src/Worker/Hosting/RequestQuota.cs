namespace Supervisor.Worker.Hosting;

/// <summary>
/// The worker's request quota (Gunicorn's max_requests): numbers requests as they start, tells which are at or past
/// the quota, and raises <see cref="Reached"/> when the worker must retire. The accept gate and the request
/// middleware both ask it, so the quota is decided in one place.
/// </summary>
/// <remarks>Lives beside the accept gate, in the room below the requests, so both rooms can reach it.</remarks>
internal sealed class RequestQuota
{
    private readonly long _quota;
    private long _started;
    private int _unreachable;

    /// <param name="quota">The request quota; 0 means none.</param>
    public RequestQuota(long quota)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quota);
        _quota = quota;
    }

    /// <summary>
    /// Raised on the thread that decided it: once when the request that reaches the quota starts (the argument is
    /// false), and at most once when the quota became unreachable (true).
    /// </summary>
    public event Action<bool>? Reached;

    public long Quota => _quota;

    /// <summary>Requests started so far, including those still running.</summary>
    public long Started => Volatile.Read(ref _started);

    /// <summary>
    /// Counts a starting request and returns its number: 1 for the first, each number given once. Raises
    /// <see cref="Reached"/> for the number that reaches the quota before it returns.
    /// </summary>
    public long Start()
    {
        var number = Interlocked.Increment(ref _started);
        if (ReachesQuota(number))
        {
            Reached?.Invoke(false);
        }

        return number;
    }

    /// <summary>True for exactly one request number: the one that reaches the quota.</summary>
    public bool ReachesQuota(long number) => _quota > 0 && number == _quota;

    /// <summary>
    /// True for the request that reaches the quota and every one numbered after it, and for a count of committed
    /// requests that fills the quota. Decided from the number alone, so it holds the moment the quota is reached,
    /// before the drain that follows has begun.
    /// </summary>
    public bool IsAtOrPastQuota(long number) => _quota > 0 && number >= _quota;

    /// <summary>
    /// Told by the accept gate once it is closed and holds no connection that has yet to bring its request: with
    /// fewer than the quota committed, nothing the worker holds will ever bring the quota's last request, so it
    /// must retire without it, or it would stay READY with no listener. Raises <see cref="Reached"/> at most once.
    /// </summary>
    public void CheckReachable(long committed)
    {
        if (_quota > 0 && committed < _quota && Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            Reached?.Invoke(true);
        }
    }
}
