namespace Supervisor.Master.Slow;

/// <summary>
/// At most so many slow-request reports per window, so that a stuck backend, which makes every request slow at
/// once, does not flood the log or spend the machine on stack dumps; it counts what it held back.
/// </summary>
internal sealed class SlowRequestLimiter
{
    private readonly int _perWindow;
    private readonly long _windowMs;
    private readonly Queue<long> _taken = new();
    private int _held;

    public SlowRequestLimiter(int perWindow, long windowMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMs, 1);
        _perWindow = perWindow;
        _windowMs = windowMs;
    }

    /// <summary>True when a report may be written now; <paramref name="held"/> is how many were held back since the last one.</summary>
    public bool TryTake(long nowMs, out int held)
    {
        while (_taken.Count > 0 && nowMs - _taken.Peek() >= _windowMs)
        {
            _taken.Dequeue();
        }

        if (_taken.Count >= _perWindow)
        {
            _held++;
            held = 0;
            return false;
        }

        _taken.Enqueue(nowMs);
        held = _held;
        _held = 0;
        return true;
    }
}
