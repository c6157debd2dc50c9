using Supervisor.ControlEndpoint;
using Supervisor.Master.Workers;
using Supervisor.Status;
using Supervisor.Tests.ControlEndpoint.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.ControlEndpoint;

/// <summary>The whole of <c>/metrics</c>, rendered from a snapshot and read back line by line.</summary>
public sealed class MetricsTextTests
{
    private static readonly MetricsSnapshot Busy = new(
        UptimeSeconds: 125.25,
        Draining: false,
        WantedWorkers: 3,
        Workers:
        [
            new WorkerStatus(101, 0, WorkerState.Ready, 1, TimeSpan.FromSeconds(60), 40, 2, 50_000_000),
            new WorkerStatus(102, 1, WorkerState.Ready, 1, TimeSpan.FromSeconds(50), 30, 1, null),
            new WorkerStatus(103, 2, WorkerState.Retiring, 1, TimeSpan.FromSeconds(90), 1000, 3, 70_000_000),
            new WorkerStatus(104, 3, WorkerState.Booting, 1, TimeSpan.FromSeconds(1), 0, 0, 20_000_000),
        ],
        RequestsServedTotal: 5070,
        Restarts: new Dictionary<RestartReason, long> { [RestartReason.Quota] = 5, [RestartReason.Crash] = 1 },
        ListenQueues: [new ListenQueueReading("0.0.0.0:8000", 7, 2048), new ListenQueueReading("[::1]:8001", 0, 128)]);

    private static readonly (string Name, string Type, string[] Labels)[] Expected =
    [
        ("supervisor_master_uptime_seconds", "gauge", []),
        ("supervisor_master_draining", "gauge", []),
        ("supervisor_workers_wanted", "gauge", []),
        ("supervisor_workers", "gauge", ["state"]),
        ("supervisor_requests_served_total", "counter", []),
        ("supervisor_requests_in_flight", "gauge", []),
        ("supervisor_worker_restarts_total", "counter", ["reason"]),
        ("supervisor_worker_requests_served", "gauge", ["pid", "slot"]),
        ("supervisor_worker_requests_in_flight", "gauge", ["pid", "slot"]),
        ("supervisor_worker_resident_memory_bytes", "gauge", ["pid", "slot"]),
        ("supervisor_listen_queue_length", "gauge", ["listener"]),
        ("supervisor_listen_queue_max", "gauge", ["listener"]),
    ];

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string Name, string Value)[] labels) =>
        samples.Single(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Value;

    [Fact]
    public void EveryFamilyHasHelpTypeAndItsLabels()
    {
        var (families, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(Expected.Select(e => e.Name), families.Keys);
        foreach (var (name, type, labels) in Expected)
        {
            Assert.Equal(type, families[name].Type);
            Assert.NotEmpty(families[name].Help);
            Assert.StartsWith("supervisor_", name, StringComparison.Ordinal);
            Assert.Equal(type == "counter", name.EndsWith("_total", StringComparison.Ordinal));
            Assert.All(samples.Where(s => s.Name == name), s => Assert.Equal(labels, s.Labels.Keys));
        }
    }

    [Fact]
    public void CountsWorkersByEveryStateButEmpty()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(["booting", "ready", "retiring", "stopping"], samples.Where(s => s.Name == "supervisor_workers").Select(s => s.Label("state")));
        Assert.Equal(2, Value(samples, "supervisor_workers", ("state", "ready")));
        Assert.Equal(1, Value(samples, "supervisor_workers", ("state", "retiring")));
        Assert.Equal(0, Value(samples, "supervisor_workers", ("state", "stopping")));
    }

    [Fact]
    public void ShowsTheMasterAndTheTotals()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(125.25, Value(samples, "supervisor_master_uptime_seconds"));
        Assert.Equal(0, Value(samples, "supervisor_master_draining"));
        Assert.Equal(3, Value(samples, "supervisor_workers_wanted"));
        Assert.Equal(5070, Value(samples, "supervisor_requests_served_total"));
        Assert.Equal(6, Value(samples, "supervisor_requests_in_flight"));
    }

    [Fact]
    public void CountsRestartsForEveryReasonInLowerCase()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        var restarts = samples.Where(s => s.Name == "supervisor_worker_restarts_total").ToDictionary(s => s.Label("reason"), s => s.Value);
        Assert.Equal(new Dictionary<string, double>
        {
            ["quota"] = 5, ["timeout"] = 0, ["crash"] = 1, ["memory"] = 0, ["lifetime"] = 0, ["reload"] = 0,
        }, restarts);
    }

    [Fact]
    public void LabelsEachWorkersSeriesWithPidAndSlot()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(1000, Value(samples, "supervisor_worker_requests_served", ("pid", "103"), ("slot", "2")));
        Assert.Equal(2, Value(samples, "supervisor_worker_requests_in_flight", ("pid", "101"), ("slot", "0")));
        Assert.Equal(50_000_000, Value(samples, "supervisor_worker_resident_memory_bytes", ("pid", "101"), ("slot", "0")));

        // Memory /proc could not read is left out rather than shown as 0.
        Assert.DoesNotContain(samples, s => s.Name == "supervisor_worker_resident_memory_bytes" && s.Label("pid") == "102");
    }

    [Fact]
    public void ShowsEachListenersQueue()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(7, Value(samples, "supervisor_listen_queue_length", ("listener", "0.0.0.0:8000")));
        Assert.Equal(2048, Value(samples, "supervisor_listen_queue_max", ("listener", "0.0.0.0:8000")));
        Assert.Equal(128, Value(samples, "supervisor_listen_queue_max", ("listener", "[::1]:8001")));
    }

    [Fact]
    public void AMasterWithNoWorkersStillNamesEveryFamily()
    {
        var empty = new MetricsSnapshot(0.5, true, 0, [], 0, new Dictionary<RestartReason, long>(), []);

        var (families, samples) = PrometheusParser.Parse(MetricsText.Render(empty));

        Assert.Equal(Expected.Select(e => e.Name), families.Keys);
        Assert.Equal(1, Value(samples, "supervisor_master_draining"));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("supervisor_worker_requests", StringComparison.Ordinal));
    }
}
