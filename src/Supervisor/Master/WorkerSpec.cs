using Supervisor.Configuration;

namespace Supervisor.Master;

/// <summary>
/// What a new worker is started with: its slot, generation and request quota, the configuration of its
/// generation, and the listening descriptors it inherits.
/// </summary>
internal sealed record WorkerSpec(int Slot, long Generation, int Quota, SupervisorConfig Config, IReadOnlyList<int> ListenFds);
