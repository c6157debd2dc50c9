namespace Supervisor.Status;

/// <summary><c>supervisor status --json</c>: one object, its names in snake_case.</summary>
internal sealed record StatusDocument(int MasterPid, IReadOnlyList<WorkerDocument> Workers);
