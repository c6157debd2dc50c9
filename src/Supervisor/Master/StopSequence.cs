namespace Supervisor.Master;

/// <summary>
/// The steps of a stop and their deadlines: ask the workers (TERM, or QUIT for a quick stop), wait up to the
/// limit, SIGKILL what is left, then wait a little more for the kernel to report their exits.
/// </summary>
internal sealed class StopSequence
{
    /// <summary>Workers told QUIT exit at once; 2 s (Gunicorn's limit) is ample and bounds one that ignores it.</summary>
    public const long QuickStopLimitMs = 2000;

    private static readonly long KillWaitMs = (long)TimeSpan.FromSeconds(5).TotalMilliseconds;

    private long _deadlineMs;
    private bool _killed;

    public StopMode? Mode { get; private set; }

    public bool Stopping => Mode is not null;

    /// <summary>Starts (or hurries) a stop; false when it changes nothing (already quick, or the same again).</summary>
    public bool Begin(StopMode mode, long nowMs, int gracefulTimeoutSeconds)
    {
        if (Mode == StopMode.Quick || Mode == mode)
        {
            return false;
        }

        var limitMs = mode == StopMode.Graceful ? gracefulTimeoutSeconds * 1000L : QuickStopLimitMs;
        _deadlineMs = Mode is null ? nowMs + limitMs : Math.Min(_deadlineMs, nowMs + limitMs);
        Mode = mode;
        return true;
    }

    /// <summary>What to do now, given how many workers are still alive.</summary>
    public StopStep Next(int workersLeft, long nowMs)
    {
        if (workersLeft == 0)
        {
            return StopStep.Done;
        }

        if (nowMs < _deadlineMs)
        {
            return StopStep.Wait;
        }

        if (_killed)
        {
            // SIGKILL cannot be refused; a worker still listed has exited without us hearing of it.
            return StopStep.Done;
        }

        _killed = true;
        _deadlineMs = nowMs + KillWaitMs;
        return StopStep.KillStragglers;
    }
}
