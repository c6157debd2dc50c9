using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.ControlEndpoint;

/// <summary>Everything <c>/metrics</c> shows, read at one moment; rendering it needs no master.</summary>
/// <param name="RequestsServedTotal">Requests served by every worker since the master started, including exited ones.</param>
/// <param name="Requests">The same requests by status class and duration.</param>
/// <param name="Process">What the master itself uses; null when /proc could not tell.</param>
/// <param name="Restarts">Workers replaced so far, for every <see cref="RestartReason"/>.</param>
internal sealed record MetricsSnapshot(
    double UptimeSeconds,
    bool Draining,
    int WantedWorkers,
    IReadOnlyList<WorkerStatus> Workers,
    long RequestsServedTotal,
    IReadOnlyDictionary<RestartReason, long> Restarts,
    IReadOnlyList<ListenQueueReading> ListenQueues,
    RequestTally Requests = default,
    ProcessUsage? Process = null);
