using Supervisor.Worker.Protocol;

namespace Supervisor.Status;

/// <summary>One live worker as <c>supervisor status</c> shows it.</summary>
/// <param name="Age">Time since the process started; null when /proc could not tell.</param>
/// <param name="ResidentBytes">Resident memory (VmRSS); null when /proc could not tell.</param>
/// <param name="Oldest">Its oldest in-flight request; null when it has none.</param>
internal sealed record WorkerStatus(
    int Pid,
    int Slot,
    WorkerState State,
    long Generation,
    TimeSpan? Age,
    long RequestsServed,
    long RequestsInFlight,
    long? ResidentBytes,
    OldestRequest? Oldest = null);
