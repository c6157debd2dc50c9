namespace Supervisor.ControlEndpoint;

/// <summary>One listening socket's accept queue, as TCP_INFO reports it.</summary>
/// <param name="Listener">The address as configured, e.g. 0.0.0.0:8000.</param>
/// <param name="Length">Connections the kernel has completed and no worker has accepted yet (tcpi_unacked).</param>
/// <param name="Max">The most it queues: the backlog, capped by net.core.somaxconn (tcpi_sacked).</param>
internal sealed record ListenQueueReading(string Listener, long Length, long Max);
