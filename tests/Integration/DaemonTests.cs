using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Integration.Support;

namespace Integration;

/// <summary>
/// Gunicorn's daemon (-D): <c>supervisor run -D</c> returns once the workers are READY and leaves a master in a
/// session of its own, found through its pidfile; a master that cannot start makes it fail with the reason.
/// </summary>
public sealed class DaemonTests
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunDReturnsZeroOnceTheWorkersServeAndLeavesADetachedMasterThatStopStops()
    {
        var port = FreePort.Next();
        await using var run = DaemonRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\npidfile = \"master.pid\"\n");

        Assert.Equal(0, await run.WaitForExitAsync(BootLimit));

        // Both workers had said READY before run -D returned, and the port answers at once.
        Assert.Equal(2, run.Output.Split('\n').Count(l => l.Contains(") is ready", StringComparison.Ordinal)));
        var (worker, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");

        // The pidfile (relative to the folder run -D ran in) names the master, which left the test's session and
        // is no child of the test, nor of run -D.
        var master = int.Parse(File.ReadAllText(Path.Combine(run.Folder, "master.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(run.MasterPid, master);
        Assert.True(ProcessProbe.IsAlive(master));
        Assert.Equal(master, Session(master));
        Assert.NotEqual(Session(Environment.ProcessId), Session(master));
        Assert.NotEqual(Environment.ProcessId, ProcessProbe.StatusNumber(master, "PPid"));
        Assert.NotEqual(run.Pid, ProcessProbe.StatusNumber(master, "PPid"));
        Assert.Contains(worker, run.WorkerPids);
        Assert.Equal(master, ProcessProbe.StatusNumber(worker, "PPid"));
        Assert.All([master, .. run.WorkerPids], pid => Assert.Equal("/dev/null", new FileInfo($"/proc/{pid}/fd/2").LinkTarget));
        Assert.DoesNotContain(File.ReadAllText($"/proc/{worker}/environ").Split('\0'), v => v.StartsWith("SUPERVISOR_DAEMON=", StringComparison.Ordinal));

        await using (var stop = OwnedProcess.Start(Binaries.Supervisor, ["stop", "-c", "gunicorn.toml", "--wait"], workingDirectory: run.Folder))
        {
            Assert.Equal(0, await stop.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"The master (pid {master}) has stopped.", stop.Output, StringComparison.Ordinal);
        }

        Assert.False(ProcessProbe.IsAlive(master));
        await Wait.UntilAsync(() => !run.WorkerPids.Any(ProcessProbe.IsAlive), TimeSpan.FromSeconds(30), "the workers to exit");
        Assert.False(File.Exists(Path.Combine(run.Folder, "master.pid")));
    }

    [Fact]
    public async Task APortAlreadyTakenMakesRunDFailWithTheReasonAndLeavesNothingRunning()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        await using var run = DaemonRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\npidfile = \"master.pid\"\n");

        var exitCode = await run.WaitForExitAsync(BootLimit);

        Assert.Equal(1, exitCode);
        Assert.Contains($"[ERROR] Address already in use: 127.0.0.1:{port}", run.Output, StringComparison.Ordinal);
        var master = Assert.IsType<int>(run.MasterPid);
        Assert.EndsWith($"Error: the master (pid {master}) exited with code 1 before its workers were ready; nothing was left running.", run.Output, StringComparison.Ordinal);
        Assert.False(ProcessProbe.IsAlive(master));
        Assert.Empty(run.WorkerPids);
        Assert.False(File.Exists(Path.Combine(run.Folder, "master.pid")));
    }

    [Fact]
    public async Task AnAppThatExitsAtOnceMakesRunDFailWithTheBootFailuresAndLeavesNothingRunning()
    {
        var port = FreePort.Next();
        await using var run = DaemonRun.Start($"app = [\"/bin/sh\", \"-c\", \"exit 7\"]\nbind = \"127.0.0.1:{port}\"\nworkers = 1\npidfile = \"master.pid\"\n");

        var exitCode = await run.WaitForExitAsync(BootLimit);

        Assert.Equal(3, exitCode);
        Assert.Contains("failed to boot (exit code 7)", run.Output, StringComparison.Ordinal);
        Assert.Contains("[INFO] Reason: Worker failed to boot.", run.Output, StringComparison.Ordinal);
        var master = Assert.IsType<int>(run.MasterPid);
        Assert.EndsWith($"Error: the master (pid {master}) exited with code 3 before its workers were ready; nothing was left running.", run.Output, StringComparison.Ordinal);
        Assert.False(ProcessProbe.IsAlive(master));
        Assert.NotEmpty(run.WorkerPids);
        Assert.DoesNotContain(run.WorkerPids, ProcessProbe.IsAlive);
        Assert.False(File.Exists(Path.Combine(run.Folder, "master.pid")));
        Assert.False(await Http.AnswersAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task AnErrorLogFileIsWhereAFailureIsToldToLook()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        await using var run = DaemonRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\nerrorlog = \"error.log\"\n");

        Assert.Equal(1, await run.WaitForExitAsync(BootLimit));

        var line = Assert.Single(run.Output.Split('\n'), l => l.Length > 0);
        var errorLog = Path.Combine(run.Folder, "error.log");
        Assert.Equal($"Error: the master (pid {MasterPidIn(errorLog)}) exited with code 1 before its workers were ready; nothing was left running. Its error log {errorLog} says why.", line);
        Assert.Contains($"Address already in use: 127.0.0.1:{port}", File.ReadAllText(errorLog), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptingRunDBeforeTheWorkersAreReadyStopsTheMasterAndItsWorkers()
    {
        var port = FreePort.Next();
        // A worker that never says READY: run -D waits, until it is interrupted.
        await using var run = DaemonRun.Start($"app = [\"/bin/sleep\", \"120\"]\nbind = \"127.0.0.1:{port}\"\nworkers = 1\n");
        await Wait.UntilAsync(() => run.WorkerPids.Count > 0, BootLimit, $"a booting worker:\n{run.Output}");

        ProcessProbe.Signal(run.Pid, 2);

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var master = Assert.IsType<int>(run.MasterPid);
        Assert.Contains("Handling signal: term", run.Output, StringComparison.Ordinal);
        Assert.EndsWith($"Error: the master (pid {master}) exited with code 0 before its workers were ready; nothing was left running.", run.Output, StringComparison.Ordinal);
        Assert.False(ProcessProbe.IsAlive(master));
        Assert.DoesNotContain(run.WorkerPids, ProcessProbe.IsAlive);
    }

    [Fact]
    public async Task ADetachedMasterReloadsOnHupAndHandsOverToANewMasterOnUsr2()
    {
        var port = FreePort.Next();
        await using var run = DaemonRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\nloglevel = \"debug\"\npidfile = \"master.pid\"\nerrorlog = \"error.log\"\n");
        Assert.Equal(0, await run.WaitForExitAsync(BootLimit));
        Assert.Equal("", run.Output);
        var pidFile = Path.Combine(run.Folder, "master.pid");
        var master = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

        ProcessProbe.Signal(master, 1);
        await Wait.UntilAsync(() => Count(run.ErrorLogs(), ") is ready") >= 2, BootLimit, $"the reload's worker READY:\n{run.ErrorLogs()}");

        // Detached, the master is not interactive: WINCH retires its workers once the new master serves.
        ProcessProbe.Signal(master, 12);
        await Wait.UntilAsync(() => File.Exists(pidFile + ".2") && File.ReadAllText(pidFile + ".2").Trim().Length > 0, BootLimit, $"pidfile.2:\n{run.ErrorLogs()}");
        var newMaster = int.Parse(File.ReadAllText(pidFile + ".2").Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(master, ProcessProbe.StatusNumber(newMaster, "PPid"));
        await Wait.UntilAsync(() => Count(run.ErrorLogs(), ") is ready") >= 3, BootLimit, $"the new master's worker READY:\n{run.ErrorLogs()}");
        ProcessProbe.Signal(master, 28);
        await Wait.UntilAsync(() => run.ErrorLogs().Contains($"[{master}] [INFO] Worker exiting", StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"WINCH to retire the old workers:\n{run.ErrorLogs()}");
        ProcessProbe.Signal(master, 15);

        await Wait.UntilAsync(() => run.ErrorLogs().Contains("Master has been promoted.", StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"the new master's promotion:\n{run.ErrorLogs()}");
        Assert.False(ProcessProbe.IsAlive(master));
        Assert.Equal(newMaster, int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
        Assert.True(await Http.AnswersAsync($"http://127.0.0.1:{port}/api/worker"));
    }

    [Theory]
    [InlineData("NOTIFY_SOCKET", "/run/systemd/notify", "Error: daemon (-D) cannot be used under systemd (NOTIFY_SOCKET is set): a Type=notify service runs the master in the foreground, and systemd follows it there. Remove -D (or daemon = true).")]
    [InlineData("LISTEN_FDS", "1", "Error: daemon (-D) cannot be used with socket activation (LISTEN_FDS is set): systemd hands its sockets to the process it started, which must stay in the foreground. Remove -D (or daemon = true).")]
    public async Task RunDIsRefusedUnderSystemdBeforeAnythingStarts(string variable, string value, string message)
    {
        var port = FreePort.Next();
        await using var run = DaemonRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\n", new Dictionary<string, string> { [variable] = value });

        Assert.Equal(1, await run.WaitForExitAsync(BootLimit));

        Assert.Equal(message, run.Output);
        Assert.Null(run.MasterPid);
    }

    private static int Count(string text, string part) => text.Split('\n').Count(l => l.Contains(part, StringComparison.Ordinal));

    /// <summary>The pid on the log's first line, "[time] [PID] [INFO] Starting supervisor ...".</summary>
    private static int MasterPidIn(string log) =>
        int.Parse(File.ReadLines(log).First().Split("] [")[1], CultureInfo.InvariantCulture);

    /// <summary>The session id, field 6 of /proc/PID/stat (counted after the command name, which may hold spaces).</summary>
    private static int Session(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }
}
