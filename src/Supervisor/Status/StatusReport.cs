namespace Supervisor.Status;

/// <summary>The master and its live workers, in slot order.</summary>
internal sealed record StatusReport(int MasterPid, IReadOnlyList<WorkerStatus> Workers);
