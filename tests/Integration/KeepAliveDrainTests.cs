using System.Collections.Concurrent;
using System.Text.Json;
using Integration.Support;

namespace Integration;

/// <summary>
/// Clients of both kinds, a connection per request and keep-alive, while workers leave (quota, HUP): a draining
/// worker serves every connection it accepted and answers each kept-alive one once more, with Connection: close,
/// instead of closing a connection that already carries the client's next request.
/// </summary>
public sealed class KeepAliveDrainTests
{
    private readonly ITestOutputHelper _output;

    public KeepAliveDrainTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task WorkersThatReachTheirQuotaLoseNoRequestOfEitherKindOfClient()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_requests = 10\n");
        await Wait.UntilAsync(() => master.LiveWorkerPids.Count() == 2, TimeSpan.FromSeconds(30), "two workers");

        // Long enough for several retirements even when the suite's other tests share the CPUs and each
        // replacement worker (a Debug build) takes most of a second to boot.
        await using var perRequest = LoadClientRun.Start($"http://127.0.0.1:{port}/", "close", clients: 4, duration: "8", verbose: true);
        await using var keepAlive = LoadClientRun.Start($"http://127.0.0.1:{port}/", "keepalive", clients: 4, duration: "8", verbose: true);
        var close = await perRequest.FinishAsync();
        var kept = await keepAlive.FinishAsync();

        var retired = master.CountLines("served its quota of");
        _output.WriteLine($"quota: {retired} workers retired; a connection per request: {close["sent"]} sent, {close["failed"]} failed; "
            + $"keep-alive: {kept["sent"]} sent, {kept["failed"]} failed, {kept["idle_closed"]} idle closed");
        Assert.True(retired >= 4, master.Output);
        Assert.True(close["failed"] == 0, close.Output);
        Assert.True(kept["failed"] == 0 && kept["idle_closed"] == 0, kept.Output);
        Assert.True(kept["connections"] > 4, kept.Output); // each retirement moved its clients to new connections
    }

    [Fact]
    public async Task NoWorkerServesMoreThanItsQuotaPlusItsKeptAliveConnections()
    {
        const int quota = 50;
        const int clients = 8;
        const int requestsPerClient = 50;
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_requests = {quota}\nmax_requests_jitter = 0\nkeepalive = 5\n");
        await Wait.UntilAsync(() => master.LiveWorkerPids.Count() == 2, TimeSpan.FromSeconds(30), "two workers");

        // One pool of kept-alive connections, at most one per client at a time, each reused until a response closes it.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var servedBy = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                try
                {
                    using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/worker")));
                    servedBy.AddOrUpdate(json.RootElement.GetProperty("pid").GetInt32(), 1, (_, count) => count + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    failures.Enqueue(e.Message);
                }
            }
        })));

        var retired = master.CountLines("served its quota of 50 requests");
        _output.WriteLine($"{clients} keep-alive clients, {clients * requestsPerClient} requests: {failures.Count} failed, {retired} workers retired; "
            + "served per worker: " + string.Join(", ", servedBy.OrderBy(w => w.Key).Select(w => $"{w.Key}={w.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));

        // Up to the quota, then at most one more request on each connection, which that request's answer closes.
        Assert.All(servedBy, worker => Assert.True(worker.Value <= quota + clients, $"worker {worker.Key} served {worker.Value} requests"));
        Assert.True(retired >= 4, master.Output);
    }

    [Fact]
    public async Task AReloadLosesNoRequestOfEitherKindOfClient()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\n");
        await Wait.UntilAsync(() => master.LiveWorkerPids.Count() == 2, TimeSpan.FromSeconds(30), "two workers");

        await using var perRequest = LoadClientRun.Start($"http://127.0.0.1:{port}/", "close", clients: 4, duration: "8", verbose: true);
        await using var keepAlive = LoadClientRun.Start($"http://127.0.0.1:{port}/", "keepalive", clients: 4, duration: "8", verbose: true);
        for (var reload = 1; reload <= 2; reload++)
        {
            var before = master.LiveWorkerPids.ToList();
            await Wait.UntilAsync(() => master.RequestsServed() >= 500, TimeSpan.FromSeconds(30), "the clients to be under way");
            master.Signal(1); // HUP
            await Wait.UntilAsync(() => before.All(p => !ProcessProbe.IsAlive(p)), TimeSpan.FromSeconds(30), "the old workers to leave");
        }

        var close = await perRequest.FinishAsync();
        var kept = await keepAlive.FinishAsync();

        _output.WriteLine($"2 HUPs; a connection per request: {close["sent"]} sent, {close["failed"]} failed; "
            + $"keep-alive: {kept["sent"]} sent, {kept["failed"]} failed, {kept["idle_closed"]} idle closed");
        Assert.True(close["failed"] == 0, close.Output);
        Assert.True(kept["failed"] == 0 && kept["idle_closed"] == 0, kept.Output);
        Assert.True(kept["connections"] > 4, kept.Output);
    }
}
