namespace Supervisor.Master;

/// <summary>What a new worker is told beyond the configuration: its slot, generation and request quota.</summary>
internal sealed record WorkerSpec(int Slot, long Generation, int Quota);
