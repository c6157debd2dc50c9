using System.Diagnostics;
using Integration.Support;
using Supervisor.Worker.Signals;

namespace Integration;

/// <summary>
/// A master started with HUP, INT and QUIT ignored, as <c>nohup</c> and a script's background job start it: every
/// documented signal still works, and its workers start with none of their handled signals ignored.
/// </summary>
public sealed class IgnoredSignalsTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";
    private const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGUSR1 = 10, SIGTERM = 15;

    /// <summary>exec keeps SIG_IGN: the shell ignores the signals, then becomes the master.</summary>
    private static void IgnoreHupIntQuit(ProcessStartInfo info)
    {
        var arguments = info.ArgumentList.ToList();
        info.ArgumentList.Clear();
        foreach (var argument in new[] { "-c", "trap '' HUP INT QUIT; exec \"$0\" \"$@\"", info.FileName }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.FileName = "/bin/sh";
    }

    private static MasterRun Start(int port, string more = "") =>
        MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\n{more}", IgnoreHupIntQuit);


    private static string[] Ignored(int pid, params int[] signals) =>
        signals.Where(s => SignalDisposition.IsIgnored(s, $"/proc/{pid}/status")).Select(s => $"signal {s} in pid {pid}").ToArray();

    [Fact]
    public async Task TheWrapperReallyStartsTheMasterWithTheSignalsIgnored()
    {
        // The condition the other tests depend on: without it they would prove nothing.
        await using var probe = OwnedProcess.Start("sleep", ["30"], configure: IgnoreHupIntQuit);
        await Wait.UntilAsync(() => File.Exists($"/proc/{probe.Pid}/status") && File.ReadAllText($"/proc/{probe.Pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the sleep to be exec'd");

        Assert.Equal(3, Ignored(probe.Pid, SIGHUP, SIGINT, SIGQUIT).Length);
    }

    [Fact]
    public async Task HupReloadsWithoutAFailedRequestAndWorkersIgnoreNoneOfTheirSignals()
    {
        var port = FreePort.Next();
        await using var master = Start(port);
        await master.WaitForReadyWorkersAsync(2);
        var before = master.LiveWorkerPids.ToList();
        Assert.Empty(Ignored(master.Pid, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, 12, 17, 21, 22, 28));
        Assert.Empty(before.SelectMany(pid => Ignored(pid, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1)));

        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(100);
        master.Signal(SIGHUP);
        await master.WaitForLineAsync("Handling signal: hup");
        await master.WaitForReadyWorkersAsync(2, notAmong: before);
        await load.WaitForRequestsAsync(100);
        var (sent, failed) = await load.StopAsync();

        Assert.True(failed == 0, $"{failed} of {sent} failed: " + string.Join("\n", load.Failures.Take(10)));
        Assert.Empty(master.LiveWorkerPids.SelectMany(pid => Ignored(pid, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1)));
    }

    [Theory]
    [InlineData(SIGQUIT, "quit")]
    [InlineData(SIGINT, "int")]
    public async Task QuitAndIntStopTheMasterAndItsWorkers(int signal, string name)
    {
        var port = FreePort.Next();
        await using var master = Start(port);
        await master.WaitForReadyWorkersAsync(2);
        var workers = master.LiveWorkerPids.ToList();

        master.Signal(signal);

        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains($"Handling signal: {name}", master.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("did not exit", master.Output, StringComparison.Ordinal);
        await Wait.UntilAsync(() => !workers.Any(ProcessProbe.IsAlive), TimeSpan.FromSeconds(10), "the workers to exit");
    }

    [Fact]
    public async Task Usr1ReopensTheLogsOfTheMasterAndItsWorkers()
    {
        var port = FreePort.Next();
        await using var master = Start(port, "errorlog = \"error.log\"");
        var log = Path.Combine(master.Folder, "error.log");
        await Wait.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Split("is ready").Length == 3, TimeSpan.FromSeconds(60), "two workers to boot");
        var workers = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(log), @"Booting worker with pid: (\d+)")
            .Select(m => m.Groups[1].Value).ToList();

        File.Move(log, log + ".1");
        master.Signal(SIGUSR1);

        // Each worker says so as it reopens; a line it writes after that lands in the new file.
        string Both() => File.ReadAllText(log + ".1") + (File.Exists(log) ? File.ReadAllText(log) : "");
        await Wait.UntilAsync(() => workers.All(pid => Both().Contains($"[{pid}] [INFO] Worker received USR1", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the workers to reopen error.log");
        Assert.Contains("Handling signal: usr1", Both(), StringComparison.Ordinal);
        master.Signal(SIGTERM);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var fresh = await File.ReadAllTextAsync(log);
        Assert.Contains($"[{master.Pid}] [INFO] Handling signal: term", fresh, StringComparison.Ordinal);
        Assert.All(workers, pid => Assert.Contains($"[{pid}] [INFO] Worker received TERM: draining", fresh, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewMasterStartedByUsr2AndItsWorkersIgnoreNoneOfTheirSignals()
    {
        var port = FreePort.Next();
        await using var master = Start(port);
        await master.WaitForReadyWorkersAsync(2);
        var first = master.LiveWorkerPids.ToList();

        master.Signal(12);
        var started = await master.WaitForLineAsync(@"Started a new master \(pid \d+\)");
        var child = int.Parse(System.Text.RegularExpressions.Regex.Match(started, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await Wait.UntilAsync(() => master.CountLines(Ready) >= 4, TimeSpan.FromSeconds(60), $"the new master's workers:\n{master.Output}");
            var theirs = master.LiveWorkerPids.Except(first).ToList();

            Assert.Equal(2, theirs.Count);
            Assert.Empty(Ignored(child, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, 12, 17, 21, 22, 28));
            Assert.Empty(theirs.SelectMany(pid => Ignored(pid, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1)));
        }
        finally
        {
            ProcessProbe.Signal(child, SIGQUIT);
            await Wait.UntilAsync(() => !ProcessProbe.IsAlive(child), TimeSpan.FromSeconds(30), "the new master to stop");
        }
    }
}
