namespace Supervisor.Master;

/// <summary>Why a worker is to be killed; <see cref="Detail"/> follows "WORKER TIMEOUT (pid:N)".</summary>
internal sealed record TimeoutVerdict(TimeoutKind Kind, string Detail);
