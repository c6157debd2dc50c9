using System.Diagnostics;
using System.Net;
using Integration.Support;

namespace Integration;

/// <summary>The real supervisor with real SampleApp workers: sockets, recycling, timeouts, deaths and stops.</summary>
public sealed class MasterTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";

    private static string Config(int port, string more = "") =>
        $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\n{more}\n";

    private static async Task WaitForReadyAsync(MasterRun master, int count)
    {
        await Wait.UntilAsync(() => master.CountLines(Ready) >= count, TimeSpan.FromSeconds(60), $"{count} workers ready:\n{master.Output}");
    }

    [Fact]
    public async Task WorkersShareOneListeningSocket()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 3\nbacklog = 1234"));
        await WaitForReadyAsync(master, 3);

        var pids = new HashSet<int>();
        for (var i = 0; i < 200 && pids.Count < 2; i++)
        {
            pids.Add((await Http.WorkerAsync($"http://127.0.0.1:{port}")).Pid);
        }

        Assert.True(pids.Count >= 2, $"only {pids.Count} worker answered");
        Assert.Subset(master.WorkerPids.ToHashSet(), pids);
        Assert.Contains($"Listening at: http://127.0.0.1:{port} ({master.Pid})", master.Output, StringComparison.Ordinal);
        Assert.Equal(3, master.CountLines(@"Booting worker with pid: \d+"));

        // Kestrel calls listen() again in every worker; the configured backlog must survive that.
        var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
        var listening = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        var columns = listening.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1234", columns[2]);
    }

    [Fact]
    public async Task RecyclesWorkersAtTheirJitteredQuotaWithoutFailingARequest()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2\nmax_requests = 20\nmax_requests_jitter = 5"));
        await WaitForReadyAsync(master, 2);

        // Four clients at once, 300 requests in all: every one must succeed.
        var served = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 75; i++)
            {
                var (pid, _, requests) = await Http.WorkerAsync($"http://127.0.0.1:{port}");
                served.AddOrUpdate(pid, requests, (_, seen) => Math.Max(seen, requests));
            }
        }));

        await Wait.UntilAsync(() => master.WorkerPids.Count(p => !ProcessProbe.IsAlive(p)) >= 10, TimeSpan.FromSeconds(10), "retired workers to exit");
        var retired = served.Where(kv => !ProcessProbe.IsAlive(kv.Key)).ToList();
        Assert.True(retired.Count >= 10, $"{retired.Count} workers retired");
        Assert.All(retired, kv => Assert.InRange(kv.Value, 15, 25));
        Assert.DoesNotContain("exited with code", master.Output, StringComparison.Ordinal);

        // Workers log through the same setup as the master: Gunicorn's line, with the worker's own pid.
        var retiredPid = retired[0].Key;
        Assert.Contains($"] [{retiredPid}] [INFO] Autorestarting worker after current request", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerWhoseLastConnectionsCloseWithoutARequestStillRetires()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1\nmax_requests = 2"));
        await WaitForReadyAsync(master, 1);
        var first = master.WorkerPids.Single();

        // Two connections take the whole quota; one of them leaves without asking anything (a TCP probe).
        using var probe = new System.Net.Sockets.TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, port);
        var served = await RawHttp.GetAsync(port, "/", TimeSpan.FromSeconds(10));
        probe.Close();

        Assert.Contains("Hello, World!", served, StringComparison.Ordinal);
        await Wait.UntilAsync(() => !ProcessProbe.IsAlive(first), TimeSpan.FromSeconds(10), "the worker to retire");
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task KillsAWorkerHoldingARequestPastTheTimeoutAndReplacesIt()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1\ntimeout = 3"));
        await WaitForReadyAsync(master, 1);
        var stuck = master.WorkerPids.Single();

        var clock = Stopwatch.StartNew();
        var response = await RawHttp.GetAsync(port, "/api/sleep?ms=60000", TimeSpan.FromSeconds(30));
        clock.Stop();

        Assert.Equal("", response);
        Assert.True(clock.Elapsed.TotalSeconds is >= 3 and <= 8, $"cut after {clock.Elapsed.TotalSeconds:0.0}s:\n{master.Output}");
        var line = await master.WaitForLineAsync($@"\[CRITICAL\] WORKER TIMEOUT \(pid:{stuck}\) GET /api/sleep\?ms=60000 running 3\.\d+s from 127\.0\.0\.1:\d+$");
        Assert.NotNull(line);
        await WaitForReadyAsync(master, 2);
        Assert.False(ProcessProbe.IsAlive(stuck));
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task WorkersRunInChdir()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1\nchdir = \"/tmp\""));
        await WaitForReadyAsync(master, 1);

        var (pid, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");

        Assert.Equal("/tmp", new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName);
        Assert.Equal(master.Folder, new DirectoryInfo($"/proc/{master.Pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName);
    }

    [Fact]
    public async Task WorkersRunWithoutThreadPoolSpinning()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1"));
        await WaitForReadyAsync(master, 1);

        var (pid, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');

        Assert.Contains("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0", environment);
    }

    [Fact]
    public async Task ReplacesAWorkerKilledBySigkill()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2"));
        await WaitForReadyAsync(master, 2);
        var victim = master.WorkerPids[0];

        ProcessProbe.Signal(victim, 9);

        await master.WaitForLineAsync($@"Worker \(pid:{victim}\) was sent SIGKILL! Perhaps out of memory\?");
        await WaitForReadyAsync(master, 3);
        Assert.Equal(2, master.LiveWorkerPids.Count());
    }

    [Fact]
    public async Task WorkersExitWhenTheMasterIsKilled()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2"));
        await WaitForReadyAsync(master, 2);
        var workers = master.WorkerPids;

        master.Signal(9);

        await Wait.UntilAsync(() => !workers.Any(ProcessProbe.IsAlive), TimeSpan.FromSeconds(2), "orphaned workers to exit");
    }

    [Fact]
    public async Task TermLetsAnInFlightRequestFinishThenExitsCleanly()
    {
        var port = FreePort.Next();
        var pidFile = "master.pid";
        await using var master = MasterRun.Start(Config(port, $"workers = 2\npidfile = \"{pidFile}\""));
        await WaitForReadyAsync(master, 2);
        var scoreboard = master.ScoreboardPath;
        Assert.Equal(2, Directory.GetFiles(scoreboard, "slot-*").Length);

        var slow = Http.GetAsync($"http://127.0.0.1:{port}/api/sleep?ms=3000");
        await Wait.UntilAsync(() => master.RequestsInFlight() == 1, TimeSpan.FromSeconds(10), "the slow request to reach a worker");
        master.Signal(15);

        // While the request drains, new connections are refused at once (a proxy then tries elsewhere)
        // rather than queued where no process will accept them.
        await Wait.UntilAsync(() => !ConnectsTo(port), TimeSpan.FromSeconds(5), "new connections to be refused");
        Assert.False(slow.IsCompleted);
        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(master.LiveWorkerPids);
        Assert.False(File.Exists(Path.Combine(master.Folder, pidFile)));
        Assert.False(Directory.Exists(scoreboard));
        Assert.Contains("Shutting down: Master", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntStopsWorkersAtOnceAndExitsCleanly()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2\ngraceful_timeout = 60"));
        await WaitForReadyAsync(master, 2);
        var slow = RawHttp.GetAsync(port, "/api/sleep?ms=30000", TimeSpan.FromSeconds(60));
        await Wait.UntilAsync(() => master.RequestsInFlight() == 1, TimeSpan.FromSeconds(10), "the slow request to reach a worker");

        var clock = Stopwatch.StartNew();
        master.Signal(2);

        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"INT took {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.Equal("", await slow);
        Assert.Empty(master.LiveWorkerPids);
        Assert.Contains("Handling signal: int", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryWorkerHoldsTheWriteEndOfTheMastersWakePipe()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 2"));
        await WaitForReadyAsync(master, 2);

        var masterPipes = ProcessProbe.OpenPipes(master.Pid);
        var wakes = master.LiveWorkerPids.Select(ProcessProbe.WakePipe).ToList();
        Assert.Equal(2, wakes.Count);
        Assert.Single(wakes.Distinct());
        Assert.Contains(wakes[0], masterPipes);

        // Not the standard output or error the workers share with the master: a pipe of its own.
        var output = new FileInfo($"/proc/{master.Pid}/fd/1").LinkTarget;
        var errors = new FileInfo($"/proc/{master.Pid}/fd/2").LinkTarget;
        Assert.DoesNotContain(wakes[0], new[] { output, errors });
    }

    [Fact]
    public async Task AdoptsAnInheritedListeningSocket()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(16);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var fd = (int)socket.Handle;
        CloseOnExec.Set(fd, on: false);
        try
        {
            await using var master = MasterRun.Start($"bind = \"fd://{fd}\"\nloglevel = \"debug\"\nworkers = 1\n");
            await WaitForReadyAsync(master, 1);

            Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
            Assert.True(master.Output.Contains($"Listening at: http://127.0.0.1:{port} ({master.Pid})", StringComparison.Ordinal), master.Output);
        }
        finally
        {
            CloseOnExec.Set(fd, on: true);
        }
    }

    private static bool ConnectsTo(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task APortInUseIsRetriedThenReportedAndNoWorkerStarts()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var master = MasterRun.Start(Config(port));

        Assert.Equal(1, await master.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(5, master.CountLines($@"Connection in use: 127\.0\.0\.1:{port}"));
        Assert.Contains($"Reason: Address already in use: 127.0.0.1:{port}", master.Output, StringComparison.Ordinal);
        Assert.Contains($"Address already in use: 127.0.0.1:{port}", master.Output, StringComparison.Ordinal);
        Assert.Empty(master.WorkerPids);
    }

    [Fact]
    public async Task ASecondMasterOnTheSamePidfileIsRefused()
    {
        await using var master = MasterRun.Start(Config(FreePort.Next(), "pidfile = \"app.pid\""));
        await master.WaitForLineAsync("Listening at:");
        var pidFile = Path.Combine(master.Folder, "app.pid");
        await using var second = MasterRun.Start(Config(FreePort.Next(), $"pidfile = \"{pidFile}\""));

        Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"Already running on PID {master.Pid}", second.Output, StringComparison.Ordinal);
        Assert.Empty(second.WorkerPids);
    }

    [Fact]
    public async Task APidfileThatCannotBeWrittenIsNamed()
    {
        await using var master = MasterRun.Start(Config(FreePort.Next(), "pidfile = \"/proc/no-such-folder/app.pid\""));

        Assert.Equal(1, await master.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("pidfile = \"/proc/no-such-folder/app.pid\" is not valid: the folder /proc/no-such-folder does not exist", master.Output, StringComparison.Ordinal);
        Assert.Empty(master.WorkerPids);
    }

    [Fact]
    public async Task ServesOnAUnixSocketAndRemovesItAtExit()
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-sock-").FullName;
        var path = Path.Combine(folder, "app.sock");
        // A server that died and left its socket file (.NET would remove it on dispose, so another process binds it).
        using (var stale = Process.Start("python3", ["-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{path}')"]))
        {
            await stale.WaitForExitAsync();
        }

        Assert.True(File.Exists(path));
        await using var master = MasterRun.Start($"bind = \"unix:{path}\"\nloglevel = \"debug\"\nworkers = 1\n");
        await WaitForReadyAsync(master, 1);
        using var client = Http.UnixSocketClient(path);

        Assert.Equal("Hello, World!", await client.GetStringAsync("http://localhost/"));
        Assert.Contains($"Listening at: unix:{path}", master.Output, StringComparison.Ordinal);
        master.Signal(15);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(path));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task APathThatIsNotASocketIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-sock-").FullName;
        var path = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(path, "keep me");
        await using var master = MasterRun.Start($"bind = \"unix:{path}\"\n");

        Assert.Equal(1, await master.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"{path} exists and is not a socket", master.Output, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ServesOnIPv6Loopback()
    {
        Assert.True(Http.IPv6LoopbackWorks(), "this machine has no IPv6 loopback");
        var port = FreePort.Next(IPAddress.IPv6Loopback);
        await using var master = MasterRun.Start($"bind = \"[::1]:{port}\"\nloglevel = \"debug\"\nworkers = 1\n");
        await WaitForReadyAsync(master, 1);

        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://[::1]:{port}/"));
        Assert.Contains($"Listening at: http://[::1]:{port}", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppThatCannotBeStartedHaltsWithExitCodeFour()
    {
        await using var master = MasterRun.Start($"app = \"./no-such-app\"\nbind = \"127.0.0.1:{FreePort.Next()}\"\n");

        // Refused before anything is bound, with the exit code of an app that cannot be loaded.
        Assert.Equal(4, await master.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"app = \"./no-such-app\" is not valid: {Path.Combine(master.Folder, "no-such-app")} does not exist", master.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening at:", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppThatIsNotExecutableHaltsWithExitCodeFour()
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-app-").FullName;
        var app = Path.Combine(folder, "app.txt");
        await File.WriteAllTextAsync(app, "not a program");
        try
        {
            await using var master = MasterRun.Start($"app = \"{app}\"\nbind = \"127.0.0.1:{FreePort.Next()}\"\n");

            Assert.Equal(4, await master.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(master.Output.Contains($"{app} is not executable by this user; make it executable (chmod +x)", StringComparison.Ordinal), master.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnAppThatNeverBootsHaltsWithExitCodeThree()
    {
        await using var master = MasterRun.Start($"app = [\"/bin/sh\", \"-c\", \"exit 1\"]\nworkers = 2\nbind = \"127.0.0.1:{FreePort.Next()}\"\n");

        Assert.Equal(3, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Reason: Worker failed to boot.", master.Output, StringComparison.Ordinal);
        Assert.Contains("exited with code 1.", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkersRunAsTheConfiguredUserWhenTheMasterIsRoot()
    {
        Assert.Equal(0, ProcessProbe.StatusNumber(Environment.ProcessId, "Uid") ?? -1);
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "workers = 1\nuser = \"nobody\"\ngroup = \"nogroup\""));
        await WaitForReadyAsync(master, 1);

        var (pid, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");

        var uid = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        Assert.Equal("65534", uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal(0, ProcessProbe.StatusNumber(master.Pid, "Uid"));
    }
}
