using Integration.Support;

namespace Integration;

/// <summary>Hook commands run by a real master at each moment of its life, and what a hanging or failing one costs.</summary>
public sealed class HookTests
{
    private const string AllHooks = "on_starting when_ready on_reload worker_exit worker_abort nworkers_changed on_exit";

    /// <summary>
    /// A hook script that writes the SUPERVISOR_ variables it was given to a file of its own in <paramref name="output"/>,
    /// named after the hook and its pid; renamed into place, so a file that is there is whole.
    /// </summary>
    private static string WriteRecordingHook(string folder, string output)
    {
        var script = Path.Combine(folder, "record.sh");
        File.WriteAllText(script, $"""
            #!/bin/sh
            env | grep '^SUPERVISOR_' | sort > "{output}/.$$"
            mv "{output}/.$$" "{output}/$SUPERVISOR_HOOK.$$"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>The variables each run of this hook was given, one dictionary per run.</summary>
    private static List<Dictionary<string, string>> Runs(string output, string hook) =>
        Directory.GetFiles(output, hook + ".*")
            .Select(f => File.ReadAllLines(f).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]))
            .ToList();

    private static Task WaitForRunAsync(string output, string hook, Func<Dictionary<string, string>, bool> match, MasterRun master) =>
        Wait.UntilAsync(() => Runs(output, hook).Any(match), TimeSpan.FromSeconds(30), $"the {hook} hook to run:\n{master.Output}");

    [Fact]
    public async Task EachHookRunsAtItsMomentWithTheEventInItsEnvironment()
    {
        using var folder = new TempFolder();
        var output = Directory.CreateDirectory(Path.Combine(folder.Path, "runs")).FullName;
        var script = WriteRecordingHook(folder.Path, output);
        var hooks = string.Join("\n", AllHooks.Split(' ').Select(h => $"{h} = \"{script}\""));
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 2\ntimeout = 5\n{hooks}\n");
        var masterPid = master.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await WaitForRunAsync(output, "when_ready", v => v["SUPERVISOR_WORKERS"] == "2", master);
        Assert.Equal(masterPid, Assert.Single(Runs(output, "on_starting"))["SUPERVISOR_MASTER_PID"]);
        Assert.Contains(Runs(output, "nworkers_changed"), v => v["SUPERVISOR_WORKERS_OLD"] == "" && v["SUPERVISOR_WORKERS_NEW"] == "2");

        master.Signal(21);
        await WaitForRunAsync(output, "nworkers_changed", v => v["SUPERVISOR_WORKERS_OLD"] == "2" && v["SUPERVISOR_WORKERS_NEW"] == "3", master);

        await master.WaitForReadyWorkersAsync(3);
        var hang = RawHttp.GetAsync(port, "/api/debug/hang?ms=60000", TimeSpan.FromSeconds(30));
        await master.WaitForLineAsync(@"WORKER TIMEOUT \(pid:\d+\) GET /api/debug/hang");
        await WaitForRunAsync(output, "worker_abort", v => v["SUPERVISOR_WORKER_TIMEOUT"].StartsWith("GET /api/debug/hang?ms=60000 running 5.", StringComparison.Ordinal), master);
        var aborted = Runs(output, "worker_abort").Single()["SUPERVISOR_WORKER_PID"];
        await WaitForRunAsync(output, "worker_exit", v => v["SUPERVISOR_WORKER_PID"] == aborted
            && v["SUPERVISOR_WORKER_EXIT_CODE"] == "137" && v["SUPERVISOR_WORKER_SIGNAL"] == "SIGKILL", master);

        master.Signal(1);
        await WaitForRunAsync(output, "on_reload", v => v["SUPERVISOR_GENERATION"] == "2", master);

        master.Signal(15);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var exit = Assert.Single(Runs(output, "on_exit"));
        Assert.Equal("0", exit["SUPERVISOR_EXIT_CODE"]);
        Assert.Equal(masterPid, exit["SUPERVISOR_MASTER_PID"]);
        Assert.All(Directory.GetFiles(output), f => Assert.Contains(Path.GetFileName(f).Split('.')[0], AllHooks.Split(' ')));
        Assert.True(Runs(output, "worker_exit").Count >= 4, "every worker that left is heard of");
        Assert.All(Runs(output, "worker_exit"), v => Assert.Equal(masterPid, v["SUPERVISOR_MASTER_PID"]));
        Assert.Equal("", await hang);
    }

    [Fact]
    public async Task AHookThatHangsIsKilledAtHookTimeoutWhileTheMasterGoesOnServing()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\nhook_timeout = 5\nwhen_ready = \"/bin/sh -c 'sleep 600'\"\n");
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the worker");

        // The hook hangs from the moment the worker serves; the master still handles a signal and starts a worker.
        master.Signal(21);
        await master.WaitForLineAsync("Number of workers: 2");
        await master.WaitForReadyWorkersAsync(2);
        var killed = await master.WaitForLineAsync(@"Hook when_ready \(pid \d+\) ran past hook_timeout \(5s\) and was killed");

        Assert.True(master.Lines.ToList().FindIndex(l => l.Contains("Number of workers: 2", StringComparison.Ordinal))
            < master.Lines.ToList().FindIndex(l => l.Contains("ran past hook_timeout", StringComparison.Ordinal)));
        Assert.EndsWith(
            "ran past hook_timeout (5s) and was killed: /bin/sh -c 'sleep 600'. Make it finish sooner, start long work in the background, or raise hook_timeout.",
            killed,
            StringComparison.Ordinal);
        var hookPid = int.Parse(System.Text.RegularExpressions.Regex.Match(killed, @"\(pid (\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(ProcessProbe.IsAlive(hookPid));
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task AFailingHookIsLoggedWithItsNameAndTheMasterStartsAnyway()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\non_starting = \"/bin/sh -c 'exit 7'\"\nnworkers_changed = \"./no-such-hook\"\n");

        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(30), "the worker");

        await master.WaitForLineAsync(
            @"\[ERROR\] Hook on_starting failed: /bin/sh -c 'exit 7' exited with code 7\. The master goes on; run the command by hand, with the variables docs/hooks\.md lists, to see why\.$");
        var cannot = await master.WaitForLineAsync(@"\[ERROR\] Hook nworkers_changed could not start");
        Assert.Contains($"could not start {master.Folder}/no-such-hook: ", cannot, StringComparison.Ordinal);
        Assert.EndsWith("Check the hook's setting: its executable must exist and be executable by the master's user.", cannot, StringComparison.Ordinal);
    }
}
