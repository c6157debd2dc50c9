using Supervisor.ControlEndpoint;
using Supervisor.Master.Workers;
using Supervisor.Platform;
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
        ListenQueues: [new ListenQueueReading("0.0.0.0:8000", 7, 2048), new ListenQueueReading("[::1]:8001", 0, 128)],
        Requests: new RequestTally(
        [
            0, 5000, 20, 40, 10, // 1xx to 5xx
            4000, 500, 300, 100, 50, 20, 10, 5, 3, 2, 1, 0, 0, 1, // 5 ms ... 60 s, then past 60 s
            1_234_567_890, // the sum, in microseconds
        ]),
        Process: new ProcessUsage(12.5, 1_700_000_123.25, 41_000_000, 3_000_000_000, 87, 1024));

    private static readonly (string Name, string Type, string[] Labels)[] Expected =
    [
        ("supervisor_master_uptime_seconds", "gauge", []),
        ("supervisor_master_draining", "gauge", []),
        ("supervisor_workers_wanted", "gauge", []),
        ("supervisor_workers", "gauge", ["state"]),
        ("supervisor_requests_served_total", "counter", []),
        ("supervisor_requests_in_flight", "gauge", []),
        ("supervisor_http_requests_total", "counter", ["code_class"]),
        ("supervisor_http_request_duration_seconds", "histogram", ["le"]),
        ("supervisor_worker_restarts_total", "counter", ["reason"]),
        ("supervisor_worker_requests_served", "gauge", ["pid", "slot"]),
        ("supervisor_worker_requests_in_flight", "gauge", ["pid", "slot"]),
        ("supervisor_worker_resident_memory_bytes", "gauge", ["pid", "slot"]),
        ("supervisor_listen_queue_length", "gauge", ["listener"]),
        ("supervisor_listen_queue_max", "gauge", ["listener"]),
        ("process_cpu_seconds_total", "counter", []),
        ("process_resident_memory_bytes", "gauge", []),
        ("process_virtual_memory_bytes", "gauge", []),
        ("process_open_fds", "gauge", []),
        ("process_max_fds", "gauge", []),
        ("process_start_time_seconds", "gauge", []),
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
            Assert.True(name.StartsWith("supervisor_", StringComparison.Ordinal) || name.StartsWith("process_", StringComparison.Ordinal), name);
            Assert.Equal(type == "counter", name.EndsWith("_total", StringComparison.Ordinal));
            Assert.All(samples.Where(s => s.Name == name || s.Name == name + "_bucket"), s => Assert.Equal(labels, s.Labels.Keys));
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

    [Fact]
    public void CountsRequestsByStatusClass()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        var byClass = samples.Where(s => s.Name == "supervisor_http_requests_total").ToDictionary(s => s.Label("code_class"), s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["1xx"] = 0, ["2xx"] = 5000, ["3xx"] = 20, ["4xx"] = 40, ["5xx"] = 10 }, byClass);
    }

    [Fact]
    public void DurationsAreACumulativeHistogramFromFiveMillisecondsToAMinute()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        var buckets = samples.Where(s => s.Name == "supervisor_http_request_duration_seconds_bucket").Select(s => (s.Label("le"), s.Value)).ToList();
        Assert.Equal(
        [
            ("0.005", 4000), ("0.01", 4500), ("0.025", 4800), ("0.05", 4900), ("0.1", 4950), ("0.25", 4970), ("0.5", 4980), ("1", 4985),
            ("2.5", 4988), ("5", 4990), ("10", 4991), ("30", 4991), ("60", 4991), ("+Inf", 4992),
        ], buckets);
        Assert.Equal(4992, Value(samples, "supervisor_http_request_duration_seconds_count"));
        Assert.Equal(1234.56789, Value(samples, "supervisor_http_request_duration_seconds_sum"), 6);
    }

    [Fact]
    public void ShowsTheMastersOwnProcessUnderPrometheussNames()
    {
        var (_, samples) = PrometheusParser.Parse(MetricsText.Render(Busy));

        Assert.Equal(12.5, Value(samples, "process_cpu_seconds_total"));
        Assert.Equal(41_000_000, Value(samples, "process_resident_memory_bytes"));
        Assert.Equal(3_000_000_000, Value(samples, "process_virtual_memory_bytes"));
        Assert.Equal(87, Value(samples, "process_open_fds"));
        Assert.Equal(1024, Value(samples, "process_max_fds"));
        Assert.Equal(1_700_000_123.25, Value(samples, "process_start_time_seconds"));
    }
}
