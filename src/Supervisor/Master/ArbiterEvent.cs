namespace Supervisor.Master;

/// <summary>Something that happened outside the arbiter's loop: a signal, a worker's exit, or a worker's wake.</summary>
internal abstract record ArbiterEvent
{
    public sealed record SignalReceived(int Signal) : ArbiterEvent;

    public sealed record WorkerExited(int Pid, int ExitCode) : ArbiterEvent;

    /// <summary>A worker wrote to the wake pipe: its slot became READY or RETIRING, and the pass reads it now.</summary>
    public sealed record WorkerNudged : ArbiterEvent;

    /// <summary>reload = true saw the app's files change: reload as HUP does.</summary>
    public sealed record FilesChanged : ArbiterEvent;

    /// <summary>The stacks of a timed-out worker were captured (null when they could not be); it can now be killed.</summary>
    public sealed record StacksDumped(int Pid, string? Report) : ArbiterEvent;
}
