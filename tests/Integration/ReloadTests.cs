using System.Net;
using Integration.Support;

namespace Integration;

/// <summary>Live operations on a real master under load: HUP, TTIN/TTOU, USR1 and USR2.</summary>
public sealed class ReloadTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";
    private readonly ITestOutputHelper _output;

    public ReloadTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string Config(int port, string more) => $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\n{more}\n";


    private static async Task RewriteConfigAsync(MasterRun master, string toml)
    {
        var path = Path.Combine(master.Folder, "gunicorn.toml");
        var app = (await File.ReadAllLinesAsync(path)).First(l => l.StartsWith("app =", StringComparison.Ordinal));
        await File.WriteAllTextAsync(path, app + "\n" + toml);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("rolling")]
    public async Task HupUnderLoadReplacesEveryWorkerWithoutFailingARequest(string strategy)
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, $"workers = 2\nreload_strategy = \"{strategy}\""));
        await master.WaitForReadyWorkersAsync(2);
        var before = master.LiveWorkerPids.ToList();
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(200);
        var most = 0;
        using var watch = new Timer(_ => most = Math.Max(most, master.LiveWorkerPids.Count()), null, 0, 10);

        await RewriteConfigAsync(master, Config(port, $"workers = 3\nreload_strategy = \"{strategy}\""));
        master.Signal(1);
        await master.WaitForReadyWorkersAsync(3, notAmong: before);
        await load.WaitForRequestsAsync(200);
        var (sent, failed) = await load.StopAsync();

        _output.WriteLine($"{strategy}: {sent} requests sent, {failed} failed, at most {most} workers at once");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
        Assert.Contains("Hang up: Master", master.Output, StringComparison.Ordinal);
        Assert.Contains("Reloaded the configuration: workers 2 -> 3", master.Output, StringComparison.Ordinal);
        if (strategy == "rolling")
        {
            Assert.True(most <= 4, $"{most} workers at once");
        }
    }

    [Fact]
    public async Task HupWithABrokenConfigKeepsTheWorkersAndSaysWhy()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2"));
        await master.WaitForReadyWorkersAsync(2);
        var before = master.LiveWorkerPids.Order().ToList();

        await RewriteConfigAsync(master, Config(port, "wrokers = 3"));
        master.Signal(1);
        await master.WaitForLineAsync("Reload refused");

        Assert.Contains("unknown key 'wrokers'; did you mean 'workers'?", master.Output, StringComparison.Ordinal);
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.Equal(before, master.LiveWorkerPids.Order().ToList());
    }

    [Fact]
    public async Task HupWithANewBindServesThereAndClosesTheOldAddressAfterTheOldWorkersDrained()
    {
        var oldPort = FreePort.Next();
        var newPort = FreePort.Next();
        await using var master = MasterRun.Start(Config(oldPort, "workers = 1\ngraceful_timeout = 30"));
        await master.WaitForReadyWorkersAsync(1);
        var oldWorker = master.LiveWorkerPids.Single();
        var slow = Http.GetAsync($"http://127.0.0.1:{oldPort}/api/sleep?ms=3000");
        await Wait.UntilAsync(() => master.RequestsInFlight() == 1, TimeSpan.FromSeconds(10), "the slow request");

        await RewriteConfigAsync(master, Config(newPort, "workers = 1\ngraceful_timeout = 30"));
        master.Signal(1);
        await master.WaitForLineAsync($"Listening at: http://127.0.0.1:{newPort}");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{newPort}/"), TimeSpan.FromSeconds(30), "the new address");

        // The old worker still drains its request, so the old address is still open.
        Assert.True(ProcessProbe.IsAlive(oldWorker));
        Assert.DoesNotContain("Stopped listening at", master.Output, StringComparison.Ordinal);
        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await master.WaitForLineAsync($"Stopped listening at: 127.0.0.1:{oldPort}");
        Assert.False(await Http.AnswersAsync($"http://127.0.0.1:{oldPort}/"));
    }

    [Fact]
    public async Task TtinAndTtouChangeTheWorkerCountButNeverBelowOne()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2"));
        await master.WaitForReadyWorkersAsync(2);
        var counts = new List<int>();

        foreach (var signal in new[] { 21, 22, 22, 22 })
        {
            master.Signal(signal);
            var expected = Math.Max(1, (counts.Count == 0 ? 2 : counts[^1]) + (signal == 21 ? 1 : -1));
            await master.WaitForLineAsync($"Number of workers: {expected}");
            await master.WaitForReadyWorkersAsync(expected);
            counts.Add(master.LiveWorkerPids.Count());
        }

        Assert.Equal([3, 2, 1, 1], counts);
    }

    [Fact]
    public async Task Usr1ReopensTheErrorLogOfTheMasterAndItsWorkers()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1\nerrorlog = \"error.log\""));
        var log = Path.Combine(master.Folder, "error.log");
        await Wait.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the worker to boot");
        var booted = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(log), @"Booting worker with pid: (\d+)");
        var worker = int.Parse(booted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        File.Move(log, log + ".1");
        master.Signal(10);

        // The reopen is done when both processes write to the new file and no longer to the moved one: the USR1 line
        // alone comes before the worker's reopen, and a TERM sent then would be logged in the moved file.
        await Wait.UntilAsync(
            () => master.HasExited || (WritesOnlyTo(master.Pid, log, log + ".1") && WritesOnlyTo(worker, log, log + ".1")),
            TimeSpan.FromSeconds(10),
            "the master and its worker to reopen error.log");
        Assert.Contains($"[{worker}] [INFO] Worker received USR1: reopening log files", File.ReadAllText(log + ".1") + File.ReadAllText(log), StringComparison.Ordinal);
        master.Signal(15);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var moved = await File.ReadAllTextAsync(log + ".1");
        var fresh = await File.ReadAllTextAsync(log);
        Assert.Contains("Handling signal: usr1", moved + fresh, StringComparison.Ordinal);
        Assert.Contains($"[{master.Pid}] [INFO] Handling signal: term", fresh, StringComparison.Ordinal);
        Assert.Contains($"[{worker}] [INFO] Worker received TERM: draining", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain("Handling signal: term", moved, StringComparison.Ordinal);
    }

    /// <summary>True when the process has <paramref name="file"/> open and not <paramref name="moved"/>.</summary>
    private static bool WritesOnlyTo(int pid, string file, string moved)
    {
        try
        {
            var targets = Directory.GetFiles($"/proc/{pid}/fd").Select(fd => new FileInfo(fd).LinkTarget).ToList();
            return targets.Contains(file) && !targets.Contains(moved);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A descriptor closed while it was listed: look again.
            return false;
        }
    }

    [Fact]
    public async Task Usr2StartsANewMasterThatTakesOverWithoutFailingARequest()
    {
        var port = FreePort.Next();
        var control = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, $"workers = 2\npidfile = \"app.pid\"\ncontrol_bind = \"127.0.0.1:{control}\""));
        await master.WaitForReadyWorkersAsync(2);
        var pidFile = Path.Combine(master.Folder, "app.pid");
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(200);

        master.Signal(12);
        var started = await master.WaitForLineAsync(@"Started a new master \(pid \d+\)");
        var child = int.Parse(System.Text.RegularExpressions.Regex.Match(started, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await Wait.UntilAsync(() => File.Exists(pidFile + ".2"), TimeSpan.FromSeconds(30), "pidfile.2");
            await Wait.UntilAsync(() => master.CountLines(Ready) >= 4, TimeSpan.FromSeconds(30), "the new master's workers");
            AssertEachMasterWakesThroughItsOwnPipe(master.Pid, child, master.LiveWorkerPids.ToList());
            master.Signal(12);
            await master.WaitForLineAsync("USR2 signal ignored. Child exists.");

            master.Signal(15);
            Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            await master.WaitForLineAsync("Master has been promoted.");
            await load.WaitForRequestsAsync(200);
            var (sent, failed) = await load.StopAsync();

            _output.WriteLine($"USR2: {sent} requests sent, {failed} failed");
            Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
            Assert.Equal(child, PidFileValue(pidFile));
            Assert.False(File.Exists(pidFile + ".2"));
            Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));

            // The control endpoint moves to the new master once the old one let go of it.
            await master.WaitForLineAsync("still held by the old master");
            await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{control}/healthz"), TimeSpan.FromSeconds(10), "the new master's control endpoint");
        }
        finally
        {
            ProcessProbe.Signal(child, 15);
            await Wait.UntilAsync(() => !ProcessProbe.IsAlive(child), TimeSpan.FromSeconds(30), "the new master to stop");
        }
    }

    /// <summary>The new master makes its own wake pipe; the old one's write end reaches neither it nor its workers.</summary>
    private static void AssertEachMasterWakesThroughItsOwnPipe(int oldMaster, int newMaster, IReadOnlyList<int> workers)
    {
        var oldWorker = workers.First(w => ProcessProbe.StatusNumber(w, "PPid") == oldMaster);
        var newWorker = workers.First(w => ProcessProbe.StatusNumber(w, "PPid") == newMaster);
        var oldWake = ProcessProbe.WakePipe(oldWorker);
        var newWake = ProcessProbe.WakePipe(newWorker);

        Assert.NotEqual(oldWake, newWake);
        Assert.Contains(newWake, ProcessProbe.OpenPipes(newMaster));
        Assert.DoesNotContain(oldWake, ProcessProbe.OpenPipes(newMaster));
        Assert.DoesNotContain(oldWake, ProcessProbe.OpenPipes(newWorker));
    }

    private static int PidFileValue(string path) =>
        int.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
