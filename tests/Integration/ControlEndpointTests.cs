using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>
/// The control endpoint of a real <c>supervisor run</c>, as a probe and a Prometheus scrape see it: over HTTP,
/// every line of <c>/metrics</c> read back as the text format.
/// </summary>
public sealed partial class ControlEndpointTests
{
    private readonly int _controlPort = FreePort.Next();
    private readonly int _port = FreePort.Next();

    private string Control => $"http://127.0.0.1:{_controlPort}";

    private string App => $"http://127.0.0.1:{_port}";

    private MasterRun StartMaster(string settings = "") => MasterRun.Start(
        $"bind = \"127.0.0.1:{_port}\"\ncontrol_bind = \"127.0.0.1:{_controlPort}\"\nloglevel = \"debug\"\n" + settings);

    private async Task WaitUntilReadyAsync(MasterRun master, int workers)
    {
        await Wait.UntilAsync(async () => master.HasExited || await ReadyWorkersAsync() >= workers,
            TimeSpan.FromSeconds(60), $"{workers} workers ready in /metrics:\n{master.Output}");
        Assert.False(master.HasExited, master.Output);
    }

    /// <summary>Ready workers as /metrics counts them; -1 while the endpoint is not listening yet.</summary>
    private async Task<double> ReadyWorkersAsync()
    {
        try
        {
            return (await ScrapeAsync()).Value("supervisor_workers", ("state", "ready"));
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(Control + path, TimeSpan.FromSeconds(10));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<Scrape> ScrapeAsync()
    {
        using var response = await Http.GetAsync(Control + "/metrics", TimeSpan.FromSeconds(10));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return Scrape.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServesHealthReadinessStatusAndMetrics()
    {
        await using var master = StartMaster("workers = 2\n");
        await WaitUntilReadyAsync(master, 2);

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/healthz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/readyz"));
        Assert.Contains($"Control endpoint listening at: {Control}", master.Output, StringComparison.Ordinal);

        var (status, body) = await GetAsync("/status");
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(master.Pid, json.RootElement.GetProperty("master_pid").GetInt32());
        var workers = json.RootElement.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(master.LiveWorkerPids.Order(), workers.Select(w => w.GetProperty("pid").GetInt32()).Order());
        Assert.All(workers, w => Assert.Equal("ready", w.GetProperty("state").GetString()));

        var scrape = await ScrapeAsync();
        Assert.Equal(2, scrape.Value("supervisor_workers_wanted"));
        Assert.Equal(0, scrape.Value("supervisor_master_draining"));
        Assert.InRange(scrape.Value("supervisor_master_uptime_seconds"), 0.001, 600);
        Assert.Equal(master.LiveWorkerPids.Order(), scrape.Samples.Where(s => s.Name == "supervisor_worker_resident_memory_bytes")
            .Select(s => int.Parse(s.Labels["pid"], CultureInfo.InvariantCulture)).Order());
        Assert.All(scrape.Samples.Where(s => s.Name == "supervisor_worker_resident_memory_bytes"), s => Assert.InRange(s.Value, 1e6, 1e10));
        Assert.Equal(2048, scrape.Value("supervisor_listen_queue_max", ("listener", $"127.0.0.1:{_port}")));
        Assert.Equal(0, scrape.Value("supervisor_listen_queue_length", ("listener", $"127.0.0.1:{_port}")));
    }

    [Fact]
    public async Task RequestsServedMoveAsRequestsAreSent()
    {
        await using var master = StartMaster("workers = 2\n");
        await WaitUntilReadyAsync(master, 2);
        var before = (await ScrapeAsync()).Value("supervisor_requests_served_total");

        for (var i = 0; i < 10; i++)
        {
            await Http.GetStringAsync(App + "/api/worker");
        }

        await Wait.UntilAsync(async () => (await ScrapeAsync()).Value("supervisor_requests_served_total") >= before + 10,
            TimeSpan.FromSeconds(10), "the served total to count 10 more requests");
        var scrape = await ScrapeAsync();
        Assert.Equal(scrape.Value("supervisor_requests_served_total"), scrape.Samples.Where(s => s.Name == "supervisor_worker_requests_served").Sum(s => s.Value));
    }

    [Fact]
    public async Task RequestsAreCountedByStatusClassAndDurationAndTheMasterShowsItsOwnProcess()
    {
        await using var master = StartMaster("workers = 2\n");
        await WaitUntilReadyAsync(master, 2);

        for (var i = 0; i < 3; i++)
        {
            await Http.GetStringAsync(App + "/api/worker");
        }

        using (var missing = await Http.GetAsync(App + "/no/such/page", TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // No database is configured: the app's own readiness answers 503.
        using (var unready = await Http.GetAsync(App + "/readyz", TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        }

        (await Http.GetAsync(App + "/api/sleep?ms=300", TimeSpan.FromSeconds(10))).Dispose();

        await Wait.UntilAsync(async () => (await ScrapeAsync()).Value("supervisor_http_request_duration_seconds_count") >= 6,
            TimeSpan.FromSeconds(10), "six requests in the duration histogram");
        var scrape = await ScrapeAsync();
        Assert.Equal(4, scrape.Value("supervisor_http_requests_total", ("code_class", "2xx")));
        Assert.Equal(1, scrape.Value("supervisor_http_requests_total", ("code_class", "4xx")));
        Assert.Equal(1, scrape.Value("supervisor_http_requests_total", ("code_class", "5xx")));
        Assert.Equal(0, scrape.Value("supervisor_http_requests_total", ("code_class", "3xx")));
        Assert.Equal(6, scrape.Value("supervisor_http_request_duration_seconds_bucket", ("le", "+Inf")));

        // The 300 ms sleep is past 0.25 s and within 60 s; the sum holds at least its 0.3 s.
        Assert.True(scrape.Value("supervisor_http_request_duration_seconds_bucket", ("le", "0.25")) <= 5);
        Assert.Equal(6, scrape.Value("supervisor_http_request_duration_seconds_bucket", ("le", "60")));
        Assert.InRange(scrape.Value("supervisor_http_request_duration_seconds_sum"), 0.3, 60);

        Assert.InRange(scrape.Value("process_resident_memory_bytes"), 1e6, 1e10);
        Assert.InRange(scrape.Value("process_open_fds"), 3, scrape.Value("process_max_fds"));
        Assert.True(scrape.Value("process_cpu_seconds_total") > 0);
        var started = DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("process_start_time_seconds") * 1000));
        Assert.InRange(started, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task StatusFullNamesTheRunningRequestWithItsSecretsHidden()
    {
        await using var master = StartMaster("workers = 1\n");
        await WaitUntilReadyAsync(master, 1);
        // Left running: the master, disposed at the end, takes the request with it.
        _ = Http.GetAsync(App + "/api/sleep?ms=8000&api_key=s3cr3t&page=2", TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => master.RequestsInFlight() >= 1, TimeSpan.FromSeconds(10), "the slow request to start");
        // The worker's heartbeat shows its oldest request, within a beat (250 ms).
        await Wait.UntilAsync(async () => (await GetAsync("/status?full")).Body.Contains("\"oldest_request\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the slow request to show in /status?full");

        var (status, body) = await GetAsync("/status?full");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var worker = json.RootElement.GetProperty("workers")[0];
        var oldest = worker.GetProperty("oldest_request");
        Assert.Equal("GET", oldest.GetProperty("method").GetString());
        Assert.Equal("/api/sleep", oldest.GetProperty("path").GetString());
        Assert.Equal("ms=8000&api_key=REDACTED&page=2", oldest.GetProperty("query").GetString());
        Assert.StartsWith("127.0.0.1:", oldest.GetProperty("client").GetString(), StringComparison.Ordinal);
        Assert.InRange(oldest.GetProperty("running_seconds").GetDouble(), 0, 30);
        Assert.True(worker.GetProperty("rss_bytes").GetInt64() > 0);
        Assert.True(worker.GetProperty("age_seconds").GetInt64() >= 0);
        Assert.False(JsonDocument.Parse((await GetAsync("/status")).Body).RootElement.GetProperty("workers")[0].TryGetProperty("oldest_request", out _));
    }

    [Fact]
    public async Task EveryMetricTheGrafanaDashboardQueriesIsOnMetrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Binaries.RepositoryRoot, "deploy", "grafana", "supervisor.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Concat(dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
                .Where(v => v.GetProperty("type").GetString() == "query").Select(v => v.GetProperty("query").GetString()!))
            .ToList();
        var queried = queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).Distinct().Order().ToList();
        Assert.True(queried.Count >= 10, string.Join(", ", queried));

        await using var master = StartMaster("workers = 1\n");
        await WaitUntilReadyAsync(master, 1);
        await Http.GetStringAsync(App + "/api/worker");
        await Wait.UntilAsync(async () => (await ScrapeAsync()).Value("supervisor_http_request_duration_seconds_count") >= 1,
            TimeSpan.FromSeconds(10), "the request in the histogram");
        var exposed = (await ScrapeAsync()).Samples.Select(s => s.Name).ToHashSet();

        Assert.All(queried, name => Assert.True(exposed.Contains(name), $"The dashboard queries {name}, which /metrics does not have."));
    }

    [GeneratedRegex(@"\b(?:supervisor|process)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [Fact]
    public async Task WithATokenFileMetricsAndStatusAskForTheTokenAndTheProbesDoNot()
    {
        using var folder = new TempFolder();
        var tokenFile = Path.Combine(folder.Path, "control-token");
        await File.WriteAllTextAsync(tokenFile, "t0ken-for-the-test\n");
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{_port}\"\ncontrol_bind = \"127.0.0.1:{_controlPort}\"\nworkers = 1\ncontrol_token_file = \"{tokenFile}\"\n");
        await Wait.UntilAsync(async () => master.HasExited || (await Http.AnswersAsync(Control + "/readyz")), TimeSpan.FromSeconds(60), $"/readyz:\n{master.Output}");

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/healthz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/readyz"));
        using var refused = await Http.GetAsync(Control + "/metrics", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/status?full")).Status);

        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "t0ken-for-the-test");
        Assert.Contains("supervisor_http_requests_total", await client.GetStringAsync(Control + "/metrics"), StringComparison.Ordinal);
        using var status = JsonDocument.Parse(await client.GetStringAsync(Control + "/status"));
        Assert.Equal(master.Pid, status.RootElement.GetProperty("master_pid").GetInt32());
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        using var wrong = await client.GetAsync(Control + "/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task AnUnreadableTokenFileStopsTheMasterBeforeAnyWorker()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "no-such-token");
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{_port}\"\ncontrol_bind = \"127.0.0.1:{_controlPort}\"\ncontrol_token_file = \"{missing}\"\n");

        Assert.Equal(1, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await master.WaitForLineAsync("Reason:");
        Assert.Contains($"Reason: Cannot start the control endpoint: cannot read control_token_file {missing}: Could not find file", master.Output, StringComparison.Ordinal);
        Assert.Empty(master.WorkerPids);
    }

    [Fact]
    public async Task QuotaRestartsAreCountedAndTheTotalKeepsRecycledWorkers()
    {
        await using var master = StartMaster("workers = 1\nmax_requests = 5\n");
        await WaitUntilReadyAsync(master, 1);
        Assert.Equal(0, (await ScrapeAsync()).Value("supervisor_worker_restarts_total", ("reason", "quota")));

        var served = 0;
        await Wait.UntilAsync(async () => await Http.AnswersAsync(App + "/api/worker") && ++served >= 12,
            TimeSpan.FromSeconds(60), "12 requests served across recycled workers");

        await Wait.UntilAsync(async () => (await ScrapeAsync()).Value("supervisor_worker_restarts_total", ("reason", "quota")) >= 2,
            TimeSpan.FromSeconds(30), $"two quota restarts in /metrics:\n{master.Output}");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        double total;
        while ((total = (await ScrapeAsync()).Value("supervisor_requests_served_total")) < 12 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(total >= 12, $"The served total lost recycled workers' requests: {total} of 12.\n{master.Output}");
        var scrape = await ScrapeAsync();
        Assert.True(scrape.Value("supervisor_http_requests_total", ("code_class", "2xx")) >= 12, "The 2xx total lost recycled workers' requests.");
        Assert.True(scrape.Value("supervisor_http_request_duration_seconds_count") >= 12, "The histogram lost recycled workers' requests.");
        Assert.Equal(0, (await ScrapeAsync()).Value("supervisor_worker_restarts_total", ("reason", "crash")));
    }

    [Fact]
    public async Task ReadyzTurns503WhileTheMasterDrains()
    {
        await using var master = StartMaster("workers = 1\ngraceful_timeout = 30\n");
        await WaitUntilReadyAsync(master, 1);
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/readyz"));

        var slow = Http.GetAsync(App + "/api/sleep?ms=3000");
        await Wait.UntilAsync(() => master.RequestsInFlight() >= 1, TimeSpan.FromSeconds(10), "the slow request to start");
        master.Signal(15);

        await Wait.UntilAsync(async () => (await GetAsync("/readyz")).Status == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(5), "/readyz to turn 503");
        Assert.False(slow.IsCompleted, "/readyz turned 503 only after the in-flight request had finished");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "draining\n"), await GetAsync("/readyz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/healthz"));
        Assert.Equal(1, (await ScrapeAsync()).Value("supervisor_master_draining"));

        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await Http.AnswersAsync(Control + "/healthz"), "the control endpoint still answers after the master exited");
    }

    [Fact]
    public async Task AControlPortInUseStopsTheMasterBeforeAnyWorker()
    {
        using var busy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        busy.Bind(new IPEndPoint(IPAddress.Loopback, _controlPort));
        busy.Listen(1);

        await using var master = StartMaster();

        Assert.Equal(1, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await master.WaitForLineAsync("Reason:");
        Assert.Contains($"[ERROR] Cannot start the control endpoint at 127.0.0.1:{_controlPort} (control_bind): address already in use", master.Output, StringComparison.Ordinal);
        Assert.Contains($"Reason: Cannot start the control endpoint at 127.0.0.1:{_controlPort} (control_bind): address already in use", master.Output, StringComparison.Ordinal);
        Assert.Empty(master.WorkerPids);
    }

    /// <summary>
    /// One <c>/metrics</c> answer read line by line as the text format 0.0.4: HELP, then TYPE, then the family's
    /// samples; valid metric and label names; every sample's family typed.
    /// </summary>
    private sealed partial record Scrape(IReadOnlyDictionary<string, string> Types, IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> Samples)
    {
        public double Value(string name, params (string Name, string Value)[] labels) =>
            Samples.Single(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Value;

        public static Scrape Parse(string text)
        {
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var help = new HashSet<string>();
            var types = new Dictionary<string, string>();
            var samples = new List<(string, Dictionary<string, string>, double)>();
            string? family = null;
            foreach (var line in text[..^1].Split('\n'))
            {
                if (HelpLine().Match(line) is { Success: true } h)
                {
                    Assert.True(help.Add(family = h.Groups[1].Value), $"HELP twice: {line}");
                }
                else if (TypeLine().Match(line) is { Success: true } t)
                {
                    Assert.True(t.Groups[1].Value == family && types.TryAdd(family, t.Groups[2].Value), $"TYPE not right after its HELP: {line}");
                }
                else if (SampleLine().Match(line) is { Success: true } s)
                {
                    var name = s.Groups[1].Value;
                    var ofHistogram = family is not null && types.GetValueOrDefault(family) == "histogram"
                        && (name == family + "_bucket" || name == family + "_sum" || name == family + "_count");
                    Assert.True((name == family || ofHistogram) && types.ContainsKey(family!), $"A sample outside its family: {line}");
                    var labels = s.Groups[2].Captures.Zip(s.Groups[3].Captures).ToDictionary(
                        p => p.First.Value, p => p.Second.Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
                    Assert.True(labels.Keys.All(k => !k.StartsWith("__", StringComparison.Ordinal)), $"A reserved label: {line}");
                    samples.Add((name, labels, double.Parse(s.Groups[4].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
                }
                else
                {
                    Assert.Fail($"Not a HELP, TYPE or sample line: '{line}'");
                }
            }

            Assert.True(help.SetEquals(types.Keys), "Every family has both HELP and TYPE");
            Assert.All(types.Keys, name => Assert.Matches("^(supervisor|process)_", name));
            return new Scrape(types, samples);
        }

        [GeneratedRegex(@"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$")]
        private static partial Regex HelpLine();

        [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$")]
        private static partial Regex TypeLine();

        [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?:([a-zA-Z_][a-zA-Z0-9_]*)=""((?:\\.|[^""\\])*)"",?)+\})? (-?[0-9][0-9.e+-]*|NaN|[+-]Inf)$")]
        private static partial Regex SampleLine();
    }
}
