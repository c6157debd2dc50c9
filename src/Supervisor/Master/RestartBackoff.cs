namespace Supervisor.Master;

/// <summary>
/// Spaces out respawns after quick repeated deaths, so a crashing app does not spin the CPU:
/// 0.1 s, 0.2 s, 0.4 s ... up to a cap; a worker that lives long enough resets it.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    /// <summary>A worker that lived at least this long did not die "quickly".</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(10);

    private long _notBeforeMs;
    private long _lastFailureMs;

    public int Failures { get; private set; }

    public TimeSpan CurrentDelay => Failures == 0
        ? TimeSpan.Zero
        : TimeSpan.FromMilliseconds(Math.Min(Cap.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Failures - 1)));

    /// <summary>Records a death; only a quick one counts against the app.</summary>
    public void RecordDeath(long nowMs, long livedMs)
    {
        if (livedMs >= StableAfter.TotalMilliseconds)
        {
            Reset();
            return;
        }

        Failures++;
        _lastFailureMs = nowMs;
        _notBeforeMs = nowMs + (long)CurrentDelay.TotalMilliseconds;
    }

    /// <summary>Holds the next spawn back by the current delay (one respawn per delay while failing).</summary>
    public void Defer(long nowMs) => _notBeforeMs = nowMs + (long)CurrentDelay.TotalMilliseconds;

    /// <summary>
    /// Resets once a worker started after the last quick death has lived long enough: siblings that were
    /// healthy all along say nothing about whether the app has stopped crashing.
    /// </summary>
    public void ResetIfStable(long spawnedAtMs, long nowMs)
    {
        if (Failures > 0 && spawnedAtMs > _lastFailureMs && nowMs - spawnedAtMs >= StableAfter.TotalMilliseconds)
        {
            Reset();
        }
    }

    public void Reset()
    {
        Failures = 0;
        _notBeforeMs = 0;
    }

    public bool MaySpawn(long nowMs) => nowMs >= _notBeforeMs;
}
