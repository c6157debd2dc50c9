namespace Supervisor.Platform;

/// <summary>
/// Monotonic milliseconds, comparable with the heartbeats workers write (Environment.TickCount64 is the same
/// clock in every process). A seam so timeouts are tested with a fake clock.
/// </summary>
internal interface ITickClock
{
    long NowMs { get; }
}
