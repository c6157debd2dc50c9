using Integration.Support;

namespace Integration;

/// <summary>
/// Apps that were never written for the supervisor (tests/Apps: no reference to the Worker library, no code change),
/// run as they are with `dotnet MyApp.dll` or their apphost: the master injects the worker into them.
/// </summary>
public sealed class InjectedAppTests
{
    private readonly ITestOutputHelper _output;

    public InjectedAppTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string PlainApp => $"app = [\"dotnet\", \"{Binaries.PlainWebApp}\"]\n";

    [Fact]
    public async Task AnUnmodifiedAppServesOnTheMastersSocketsRecyclesAtItsQuotaAndWritesTheAccessLog()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(PlainApp + $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_requests = 10\naccesslog = \"-\"\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the injected workers");

        var pids = new HashSet<string>();
        for (var i = 0; i < 60; i++)
        {
            pids.Add(await Http.GetStringAsync($"http://127.0.0.1:{port}/pid"));
        }

        _output.WriteLine(master.Output);
        Assert.True(pids.Count > 2, $"recycled workers answer from new pids: {string.Join(", ", pids)}");
        await master.WaitForLineAsync(@"\[INFO\] Autorestarting worker after current request \(quota of 10 requests reached\)");
        await master.WaitForLineAsync(@"^127\.0\.0\.1 - - \[.+\] ""GET /pid HTTP/1\.1"" 200 \d+ ""-"" ""-""$");
        // The app's own app.Run("http://127.0.0.1:5099") is not bound, and the user is told once per worker.
        await master.WaitForLineAsync(@"\[INFO\] Not listening on the app's own address\(es\) http://127\.0\.0\.1:5099: workers serve on the master's sockets \(bind\)$");
        Assert.False(await Http.AnswersAsync("http://127.0.0.1:5099/"));
    }

    [Fact]
    public async Task ATimeoutInAnUnmodifiedAppNamesTheRequest()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(PlainApp + $"bind = \"127.0.0.1:{port}\"\nworkers = 1\ntimeout = 3\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the injected worker");
        var hung = master.LiveWorkerPids.Single();

        var response = await RawHttp.GetAsync(port, "/sleep?ms=60000", TimeSpan.FromSeconds(30));

        Assert.Equal("", response);
        await master.WaitForLineAsync($@"\[CRITICAL\] WORKER TIMEOUT \(pid:{hung}\) GET /sleep\?ms=60000 running 3\.\d+s from 127\.0\.0\.1:\d+");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "its replacement");
    }

    [Fact]
    public async Task AnUnmodifiedAppReloadsUnderLoadWithoutAFailedRequestAndDrainsOnTerm()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(PlainApp + $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\n");
        await master.WaitForReadyWorkersAsync(2);
        var first = master.LiveWorkerPids.ToList();
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(200);

        master.Signal(1);
        await master.WaitForReadyWorkersAsync(2, notAmong: first);
        await load.WaitForRequestsAsync(200);
        var (sent, failed) = await load.StopAsync();

        _output.WriteLine($"HUP under load: {sent} requests sent, {failed} failed");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
        var second = master.LiveWorkerPids.ToList();
        master.Signal(15);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        foreach (var pid in second)
        {
            Assert.Contains($"[INFO] Worker exiting (pid: {pid})", master.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAppOnItsOwnSerilogAndNpgsqlBuiltForNet8KeepsThem()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"app = \"{Binaries.SerilogWebApp}\"\nbind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_requests = 5\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the injected workers");

        // Serilog 3.x carries assembly version 2.0.0.0; the Worker library's own Serilog 4 is loaded apart from it.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal("serilog 2.0.0.0 npgsql 8.0.5.0 shop", await Http.GetStringAsync($"http://127.0.0.1:{port}/versions"));
        }

        await master.WaitForLineAsync("^app-serilog versions asked for shop$");
        await master.WaitForLineAsync(@"Autorestarting worker after current request \(quota of 5 requests reached\)");
        _output.WriteLine(master.Output);
    }

    [Fact]
    public async Task AnAppSelfContainedOnNet8RunsTheInjectedWorkerOnNet8()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"app = \"{Binaries.Net8WebApp}\"\nbind = \"127.0.0.1:{port}\"\nworkers = 2\nmax_requests = 5\naccesslog = \"-\"\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the injected workers");

        // Its own runtime, not the machine's .NET 10: the worker's Microsoft.Extensions references are .NET 8's.
        Assert.StartsWith(".NET 8.0.", await Http.GetStringAsync($"http://127.0.0.1:{port}/runtime"), StringComparison.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal("serilog 2.0.0.0 npgsql 8.0.5.0 shop", await Http.GetStringAsync($"http://127.0.0.1:{port}/versions"));
        }

        await master.WaitForLineAsync(@"Autorestarting worker after current request \(quota of 5 requests reached\)");
        await master.WaitForLineAsync(@"^127\.0\.0\.1 - - \[.+\] ""GET /versions HTTP/1\.1"" 200 \d+ ""-"" ""-""$");
        _output.WriteLine(master.Output);
    }

    [Fact]
    public async Task AnInjectionThatFailsStopsTheMasterAtOnceWithOneLine()
    {
        // A supervisor whose inject/ folder lost the Worker library.
        var copy = Directory.CreateTempSubdirectory("supervisor-copy-").FullName;
        try
        {
            var built = Path.GetDirectoryName(Binaries.Supervisor)!;
            foreach (var file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(built, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.SetUnixFileMode(Path.Combine(copy, "supervisor"), File.GetUnixFileMode(Binaries.Supervisor));
            File.Delete(Path.Combine(copy, "inject", "Supervisor.Worker.dll"));
            var port = FreePort.Next();
            await using var master = MasterRun.Start(
                PlainApp + $"bind = \"127.0.0.1:{port}\"\nworkers = 2\ntimeout = 10\n", info => info.FileName = Path.Combine(copy, "supervisor"));

            Assert.Equal(4, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            _output.WriteLine(master.Output);
            Assert.Contains(master.Lines, line => line.StartsWith(
                "App failed to load: the Worker library could not be injected into PlainWebApp.dll: Could not load file or assembly", StringComparison.Ordinal)
                && line.EndsWith(
                    "Reinstall supervisor (its inject/ folder is incomplete), or call builder.UseSupervisorWorker() in the app and set app_mode = \"library\".", StringComparison.Ordinal));
            Assert.Equal(0, master.CountLines("WORKER TIMEOUT|Worker failed to boot"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task AConsoleAppIsRefusedWithOneLineWhateverTheNumberOfWorkers()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"app = [\"dotnet\", \"{Binaries.ConsoleApp}\"]\nbind = \"127.0.0.1:{port}\"\nworkers = 2\ntimeout = 5\n");

        Assert.Equal(4, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        _output.WriteLine(master.Output);
        Assert.Equal(1, master.CountLines(
            @"^Error: .+:1:7: app = \[""dotnet"", "".+/ConsoleApp\.dll""\] is not valid: ConsoleApp\.dll is not an ASP\.NET Core app \(its ConsoleApp\.runtimeconfig\.json names no Microsoft\.AspNetCore\.App framework\), so it cannot serve on the master's sockets; run an ASP\.NET Core web app$"));
        Assert.Equal(1, master.CountLines("not an ASP\\.NET Core app"));
        Assert.Equal(0, master.CountLines("Booting worker|WORKER TIMEOUT|Worker failed to boot"));
    }
}
