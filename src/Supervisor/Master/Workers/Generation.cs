using Supervisor.Configuration;

namespace Supervisor.Master.Workers;

/// <summary>One configuration and the sockets it listens on; a reload starts the next.</summary>
internal sealed record Generation(long Number, SupervisorConfig Config, IReadOnlyList<int> ListenFds);
