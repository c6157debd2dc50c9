namespace Supervisor.Worker.Protocol;

/// <summary>What the master reads from one slot at one moment.</summary>
/// <param name="OldestStart">Environment.TickCount64 (ms) at which the oldest in-flight request started; 0 when none.</param>
/// <param name="Heartbeat">Environment.TickCount64 (ms) of the worker's last heartbeat.</param>
/// <param name="TextConsistent">False when the text fields kept changing under the reader and may be torn.</param>
/// <param name="ConnectionsOpen">Connections accepted and not closed yet, idle ones and those whose request has not started included.</param>
/// <param name="Damage">
/// Why the slot could not be trusted (its file resized or garbled, a field no worker writes), or null. A damaged
/// slot reads as empty otherwise.
/// </param>
/// <param name="Requests">The worker's completed requests by status class and duration.</param>
internal readonly record struct SlotSnapshot(
    WorkerState State,
    int Pid,
    long Generation,
    long Heartbeat,
    long RequestsServed,
    long RequestsInFlight,
    long OldestStart,
    string ClientAddress,
    string RequestLine,
    bool TextConsistent,
    long ConnectionsOpen = 0,
    string? Damage = null,
    RequestTally Requests = default);
