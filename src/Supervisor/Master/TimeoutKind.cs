namespace Supervisor.Master;

internal enum TimeoutKind
{
    /// <summary>Not READY within the timeout of its start: a failed boot.</summary>
    Boot,

    /// <summary>No heartbeat for longer than the timeout: the process is hung.</summary>
    Silent,

    /// <summary>One request in flight for longer than the timeout.</summary>
    StuckRequest,
}
