using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Supervisor.Configuration.Values;
using Supervisor.ControlEndpoint;
using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Master.Workers;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.ControlEndpoint.Support;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.ControlEndpoint;

/// <summary>Kestrel in this process, on a real port, over a real scoreboard: what a probe or a scrape gets.</summary>
public sealed class ControlEndpointTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly TempDirectory _directory = new();
    private readonly ScoreboardFolder _scoreboard;
    private readonly ArbiterStats _stats = new(DateTimeOffset.UtcNow);
    private readonly CollectingSink _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _port = FreePort.Next();
    private readonly ListenerSet _listeners = new(new ListenerBinder(new CollectingSink().CreateLogger(), TimeSpan.Zero), []);

    public ControlEndpointTests()
    {
        _scoreboard = new ScoreboardFolder(_directory.Combine("supervisor-1"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _listeners.Dispose();
        _scoreboard.Dispose();
        _directory.Dispose();
        _configs.Dispose();
    }

    private EndpointServer? Start(string? controlBind = null)
    {
        var toml = "app = \"./MyApp\"\n" + (controlBind is null ? "" : $"control_bind = \"{controlBind}\"\n");
        return EndpointServer.StartIfConfigured(_configs.Valid(toml), _stats, new EndpointFeed(_listeners, _scoreboard.Path), _log.CreateLogger());
    }

    private EndpointServer StartOnPort() => Start($"127.0.0.1:{_port}")!;

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_port}{path}"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A worker in slot 0 that is this test process, so it counts as alive.</summary>
    private void ReadyWorker(long served)
    {
        var slot = _scoreboard.OpenSlot(0);
        slot.Claim(Environment.ProcessId, generation: 1, now: 1);
        slot.TryAdvance(WorkerState.Booting, WorkerState.Ready);
        for (var i = 0; i < served; i++)
        {
            slot.RequestStarted();
            slot.RequestFinished(200, 1_000);
        }
    }

    [Fact]
    public void IsOffWithoutControlBind() => Assert.Null(Start());

    [Fact]
    public async Task SaysWhereItListens()
    {
        using var endpoint = StartOnPort();

        Assert.Contains($"Control endpoint listening at: http://127.0.0.1:{_port}", _log.Messages);
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/healthz"));
    }

    [Fact]
    public async Task IsReadyOnlyWithAReadyWorkerAndNotWhileDraining()
    {
        using var endpoint = StartOnPort();
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "no worker is ready\n"), await GetAsync("/readyz"));

        ReadyWorker(served: 0);
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/readyz"));

        _stats.MarkDraining();
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "draining\n"), await GetAsync("/readyz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync("/healthz"));
    }

    [Fact]
    public async Task ServesMetricsWithTheWorkersRestartsAndListenQueues()
    {
        _listeners.Ensure([Supervisor.Configuration.Values.BindAddress.TcpAddress("127.0.0.1", 0)], new(32), 1);
        ReadyWorker(served: 3);
        _stats.CountRestart(RestartReason.Timeout);
        using var endpoint = StartOnPort();

        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_port}/metrics"));
        var (_, samples) = PrometheusParser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(3, samples.Single(s => s.Name == "supervisor_worker_requests_served" && s.Label("pid") == pid && s.Label("slot") == "0").Value);
        Assert.Equal(3, samples.Single(s => s.Name == "supervisor_requests_served_total").Value);
        Assert.Equal(1, samples.Single(s => s.Name == "supervisor_worker_restarts_total" && s.Label("reason") == "timeout").Value);
        Assert.Equal(32, samples.Single(s => s.Name == "supervisor_listen_queue_max" && s.Label("listener") == "127.0.0.1:0").Value);
    }

    [Fact]
    public async Task ServesTheStatusJson()
    {
        ReadyWorker(served: 2);
        using var endpoint = StartOnPort();

        var (status, body) = await GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(Environment.ProcessId, json.RootElement.GetProperty("master_pid").GetInt32());
        var worker = json.RootElement.GetProperty("workers").EnumerateArray().Single();
        Assert.Equal((Environment.ProcessId, "ready", 2L), (worker.GetProperty("pid").GetInt32(), worker.GetProperty("state").GetString(), worker.GetProperty("requests_served").GetInt64()));
    }

    [Fact]
    public void RefusesAPortInUseNamingTheAddress()
    {
        using var busy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        busy.Bind(new IPEndPoint(IPAddress.Loopback, _port));
        busy.Listen(1);

        var halt = Assert.Throws<HaltException>(() => StartOnPort());

        Assert.Equal($"Cannot start the control endpoint at 127.0.0.1:{_port} (control_bind): address already in use", halt.Message);
        Assert.Equal(1, halt.ExitCode);
    }

    [Fact]
    public async Task StopsListeningWhenDisposedAndMayBeDisposedTwice()
    {
        var endpoint = StartOnPort();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz")).Status);

        endpoint.Dispose();
        endpoint.Dispose();

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync("/healthz"));
    }
}
