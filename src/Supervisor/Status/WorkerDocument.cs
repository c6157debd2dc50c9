using System.Text.Json.Serialization;

namespace Supervisor.Status;

/// <summary>One worker in <c>supervisor status --json</c>; raw numbers, for scripts to compute with.</summary>
/// <param name="AgeSeconds">Whole seconds since the worker started; null when /proc could not tell.</param>
/// <param name="RssBytes">Resident memory in bytes; null when /proc could not tell.</param>
/// <param name="OldestRequest">With <c>--full</c>, the oldest request in flight; left out when there is none.</param>
internal sealed record WorkerDocument(
    int Pid,
    int Slot,
    string State,
    long Generation,
    long? AgeSeconds,
    long RequestsServed,
    long RequestsInFlight,
    long? RssBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OldestRequestDocument? OldestRequest = null);
