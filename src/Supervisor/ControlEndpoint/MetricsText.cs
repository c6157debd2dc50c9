using System.Globalization;
using Supervisor.Master.Workers;
using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The metric families of <c>/metrics</c>. Every family is written even when it has no sample, so a dashboard
/// sees the name from the first scrape; per-worker series carry <c>pid</c> and <c>slot</c>, and vanish with
/// their worker. The master's own <c>process_*</c> families come last.
/// </summary>
internal static class MetricsText
{
    public const string Gauge = "gauge";
    public const string Counter = "counter";

    public static string Render(MetricsSnapshot metrics)
    {
        var text = new PrometheusText();

        text.Family("supervisor_master_uptime_seconds", Gauge, "Seconds since the master started.")
            .Sample("supervisor_master_uptime_seconds", Math.Round(metrics.UptimeSeconds, 3));
        text.Family("supervisor_master_draining", Gauge, "1 once the master is stopping and wants no new traffic, else 0.")
            .Sample("supervisor_master_draining", metrics.Draining ? 1 : 0);
        text.Family("supervisor_workers_wanted", Gauge, "Workers the master wants running: workers, changed by TTIN and TTOU.")
            .Sample("supervisor_workers_wanted", metrics.WantedWorkers);

        text.Family("supervisor_workers", Gauge, "Live workers by scoreboard state.");
        foreach (var state in Enum.GetValues<WorkerState>().Where(s => s != WorkerState.Empty))
        {
            text.Sample("supervisor_workers", metrics.Workers.Count(w => w.State == state), ("state", StatusFormat.State(state)));
        }

        text.Family("supervisor_requests_served_total", Counter, "Requests served by all workers since the master started, those of exited workers included.")
            .Sample("supervisor_requests_served_total", metrics.RequestsServedTotal);
        text.Family("supervisor_requests_in_flight", Gauge, "Requests being served now, by all workers.")
            .Sample("supervisor_requests_in_flight", metrics.Workers.Sum(w => w.RequestsInFlight));

        RequestMetricsText.Render(text, metrics.Requests);

        text.Family("supervisor_worker_restarts_total", Counter, "Workers replaced since the master started, by reason.");
        foreach (var reason in Enum.GetValues<RestartReason>())
        {
            text.Sample("supervisor_worker_restarts_total", metrics.Restarts.GetValueOrDefault(reason), ("reason", ReasonLabel(reason)));
        }

        WorkerFamilies(text, metrics.Workers);
        ListenQueueFamilies(text, metrics.ListenQueues);
        ProcessMetricsText.Render(text, metrics.Process);
        return text.ToString();
    }

    /// <summary>The <c>reason</c> label: the enum name in lower case (quota, timeout, crash, ...).</summary>
    public static string ReasonLabel(RestartReason reason) => reason.ToString().ToLowerInvariant();

    private static void WorkerFamilies(PrometheusText text, IReadOnlyList<WorkerStatus> workers)
    {
        // A gauge, not a counter: the series ends with its process and the replacement starts its own at 0.
        text.Family("supervisor_worker_requests_served", Gauge, "Requests served by this worker process so far.");
        foreach (var worker in workers)
        {
            text.Sample("supervisor_worker_requests_served", worker.RequestsServed, WorkerLabels(worker));
        }

        text.Family("supervisor_worker_requests_in_flight", Gauge, "Requests this worker is serving now.");
        foreach (var worker in workers)
        {
            text.Sample("supervisor_worker_requests_in_flight", worker.RequestsInFlight, WorkerLabels(worker));
        }

        text.Family("supervisor_worker_resident_memory_bytes", Gauge, "Resident memory (VmRSS) of this worker process.");
        foreach (var worker in workers.Where(w => w.ResidentBytes is not null))
        {
            text.Sample("supervisor_worker_resident_memory_bytes", worker.ResidentBytes!.Value, WorkerLabels(worker));
        }
    }

    private static void ListenQueueFamilies(PrometheusText text, IReadOnlyList<ListenQueueReading> queues)
    {
        text.Family("supervisor_listen_queue_length", Gauge, "Connections waiting for a worker to accept them on this TCP listening socket (TCP_INFO tcpi_unacked).");
        foreach (var queue in queues)
        {
            text.Sample("supervisor_listen_queue_length", queue.Length, ("listener", queue.Listener));
        }

        text.Family("supervisor_listen_queue_max", Gauge, "The most connections this TCP listening socket queues: backlog, capped by net.core.somaxconn (TCP_INFO tcpi_sacked).");
        foreach (var queue in queues)
        {
            text.Sample("supervisor_listen_queue_max", queue.Max, ("listener", queue.Listener));
        }
    }

    private static (string, string)[] WorkerLabels(WorkerStatus worker) =>
        [("pid", worker.Pid.ToString(CultureInfo.InvariantCulture)), ("slot", worker.Slot.ToString(CultureInfo.InvariantCulture))];
}
