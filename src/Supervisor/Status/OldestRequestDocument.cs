namespace Supervisor.Status;

/// <summary>A worker's oldest in-flight request in <c>supervisor status --json --full</c>; its query's secrets hidden.</summary>
internal sealed record OldestRequestDocument(string Method, string Path, string Query, string Client, double RunningSeconds);
