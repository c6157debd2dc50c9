using Supervisor.Configuration;

namespace Supervisor.Master.Workers;

/// <summary>
/// What a new worker is started with: its slot, generation and request quota, the configuration of its
/// generation, and the listening descriptors it inherits.
/// </summary>
/// <param name="LifetimeMs">How long the worker may live before it is recycled; 0 for no limit.</param>
internal sealed record WorkerSpec(int Slot, long Generation, int Quota, SupervisorConfig Config, IReadOnlyList<int> ListenFds, long LifetimeMs = 0);
