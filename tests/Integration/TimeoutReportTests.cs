using Integration.Support;

namespace Integration;

/// <summary>What a user sees when a worker hangs, and when one grows past its memory limit.</summary>
public sealed class TimeoutReportTests
{
    private readonly ITestOutputHelper _output;

    public TimeoutReportTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task ATimeoutReportNamesTheRequestAndWithTimeoutDumpTheMethodThatHung()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\ntimeout = 3\ntimeout_dump = true\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/healthz"), TimeSpan.FromSeconds(30), "the worker");
        var hung = master.LiveWorkerPids.Single();

        var response = await RawHttp.GetAsync(port, "/api/debug/hang?ms=60000", TimeSpan.FromSeconds(30));

        Assert.Equal("", response);
        await master.WaitForLineAsync($@"\[CRITICAL\] WORKER TIMEOUT \(pid:{hung}\) GET /api/debug/hang\?ms=60000 running 3\.\d+s from 127\.0\.0\.1:\d+");
        await master.WaitForLineAsync($@"Stacks of worker \(pid:{hung}\) when it timed out:");
        var output = master.Output;
        _output.WriteLine(output);
        Assert.Contains("at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", output, StringComparison.Ordinal);
        await Wait.UntilAsync(() => !ProcessProbe.IsAlive(hung), TimeSpan.FromSeconds(10), "the hung worker to be killed");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "its replacement");
    }

    [Fact]
    public async Task ASlowRequestIsLoggedWithItsStacksAndCompletes()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\ntimeout = 60\nslow_request_timeout = 1\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/healthz"), TimeSpan.FromSeconds(30), "the worker");
        var slow = master.LiveWorkerPids.Single();

        var response = await Http.GetStringAsync($"http://127.0.0.1:{port}/api/debug/hang?ms=4000&token=s3cr3t");

        Assert.Contains("\"hung_ms\":4000", response, StringComparison.Ordinal);
        await master.WaitForLineAsync($@"\[WARNING\] SLOW REQUEST \(pid:{slow}\) GET /api/debug/hang\?ms=4000&token=REDACTED running 1\.\ds from 127\.0\.0\.1:\d+");
        await master.WaitForLineAsync($@"Stacks of worker \(pid:{slow}\) during its slow request:");
        var output = master.Output;
        _output.WriteLine(output);
        Assert.Contains("at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", output, StringComparison.Ordinal);
        Assert.Equal(1, master.CountLines("SLOW REQUEST"));
        Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);
        Assert.True(ProcessProbe.IsAlive(slow), "the worker of the slow request was killed");
    }

    [Fact]
    public async Task AWorkerPastTheMemoryLimitIsReplacedWithoutAFailedRequest()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_worker_memory = 200\nloglevel = \"debug\"\n");
        await Wait.UntilAsync(() => master.CountLines(@"is ready") >= 2, TimeSpan.FromSeconds(30), "two workers");
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(100);

        var grown = await Http.GetStringAsync($"http://127.0.0.1:{port}/api/debug/allocate?mb=300");
        var pid = System.Text.Json.JsonDocument.Parse(grown).RootElement.GetProperty("pid").GetInt32();

        await master.WaitForLineAsync($@"Worker \(pid:{pid}\) uses \d+ MiB, above max_worker_memory \(200 MiB\); replacing it");
        await Wait.UntilAsync(() => !ProcessProbe.IsAlive(pid), TimeSpan.FromSeconds(30), "the grown worker to be replaced");
        await load.WaitForRequestsAsync(100);
        var (sent, failed) = await load.StopAsync();

        _output.WriteLine($"memory recycling: {sent} requests sent, {failed} failed");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
        Assert.Equal(2, master.LiveWorkerPids.Count());
    }
}
