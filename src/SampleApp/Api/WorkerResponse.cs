namespace SampleApp.Api;

/// <param name="Slot">Null when the app runs without the supervisor.</param>
/// <param name="Requests">Requests this process has started, this one included.</param>
internal sealed record WorkerResponse(int Pid, int? Slot, long Requests);
