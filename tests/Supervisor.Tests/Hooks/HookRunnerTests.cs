using System.Globalization;
using System.Text.RegularExpressions;
using Supervisor.Configuration;
using Supervisor.Hooks;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Hooks;

/// <summary>Hook commands run as real processes: their environment, their bound, their failures, their order.</summary>
public sealed class HookRunnerTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly CollectingSink _log = new();
    private readonly HookRunner _runner;

    public HookRunnerTests()
    {
        _runner = new HookRunner(_log.CreateLogger());
    }

    private SupervisorConfig Config(string hooks) => _configs.Valid("app = \"./MyApp\"\n" + hooks);

    private static string Toml(params string[] words) => "[" + string.Join(", ", words.Select(w => "'" + w + "'")) + "]";

    /// <summary>What the runner logged at information and above (it says at debug what it runs).</summary>
    private List<string> Said => _log.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Information).Select(CollectingSink.Render).ToList();

    private string File(string name) => Path.Combine(_configs.Folder, name);

    [Fact]
    public void AHookRunsWithTheEventInItsEnvironment()
    {
        var config = Config($"worker_exit = {Toml("/bin/sh", "-c", $"env > {File("env")}")}\n");

        Assert.True(_runner.Run(HookEvent.WorkerExited(42, 137, "SIGKILL"), config));

        var environment = System.IO.File.ReadAllLines(File("env"));
        Assert.Contains("SUPERVISOR_HOOK=worker_exit", environment);
        Assert.Contains($"SUPERVISOR_MASTER_PID={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", environment);
        Assert.Contains("SUPERVISOR_WORKER_PID=42", environment);
        Assert.Contains("SUPERVISOR_WORKER_EXIT_CODE=137", environment);
        Assert.Contains("SUPERVISOR_WORKER_SIGNAL=SIGKILL", environment);
    }

    [Fact]
    public void AHookStillRunningAtHookTimeoutIsKilledAndTheLogSaysWhatToDo()
    {
        var config = Config($"on_starting = \"/bin/sh -c 'sleep 60; touch {File("finished")}'\"\nhook_timeout = 1\n");

        Assert.False(_runner.Run(HookEvent.Starting(), config));

        var line = Assert.Single(Said, m => m.StartsWith("Hook on_starting", StringComparison.Ordinal));
        Assert.Matches(
            $@"^Hook on_starting \(pid \d+\) ran past hook_timeout \(1s\) and was killed: /bin/sh -c 'sleep 60; touch {Regex.Escape(File("finished"))}'\. Make it finish sooner, start long work in the background, or raise hook_timeout\.$",
            line);
        Assert.False(System.IO.File.Exists(File("finished")));
    }

    [Fact]
    public void AHookThatFailsIsLoggedWithItsNameAndExitCode()
    {
        var config = Config($"on_exit = {Toml("/bin/sh", "-c", "exit 3")}\n");

        Assert.False(_runner.Run(HookEvent.Exiting(0), config));

        Assert.Contains(
            "Hook on_exit failed: /bin/sh -c 'exit 3' exited with code 3. The master goes on; run the command by hand, with the variables docs/hooks.md lists, to see why.",
            Said);
    }

    [Fact]
    public void AHookThatCannotStartSaysWhichAndWhy()
    {
        var config = Config("when_ready = \"/nonexistent/ready-hook --now\"\n");

        Assert.False(_runner.Run(HookEvent.Ready(2), config));

        var line = Assert.Single(Said);
        Assert.StartsWith("Hook when_ready could not start /nonexistent/ready-hook --now: ", line, StringComparison.Ordinal);
        Assert.EndsWith(". Check the hook's setting: its executable must exist and be executable by the master's user.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventWithNoHookSetRunsNothing()
    {
        Assert.True(_runner.Run(HookEvent.Reloaded(2), Config("")));

        Assert.Empty(Said);
    }

    [Fact]
    public void PostedHooksRunOneAtATimeInTheOrderOfTheirEvents()
    {
        var script = $"echo start $SUPERVISOR_WORKER_PID >> {File("order")}; sleep 0.2; echo end $SUPERVISOR_WORKER_PID >> {File("order")}";
        var config = Config($"worker_exit = {Toml("/bin/sh", "-c", script)}\n");

        foreach (var pid in new[] { 1, 2, 3 })
        {
            _runner.Post(HookEvent.WorkerExited(pid, 0, null), config);
        }

        _runner.Finish(TimeSpan.FromSeconds(30));

        Assert.Equal(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"], System.IO.File.ReadAllLines(File("order")));
    }

    [Fact]
    public void AtExitHooksStillRunningPastTheLimitAreStoppedAndTheRestDroppedWithOneLine()
    {
        var config = Config($"worker_exit = {Toml("/bin/sh", "-c", "sleep 60")}\nhook_timeout = 120\n");
        foreach (var pid in new[] { 1, 2, 3 })
        {
            _runner.Post(HookEvent.WorkerExited(pid, 0, null), config);
        }

        _runner.Finish(TimeSpan.FromSeconds(1));

        Assert.Equal(["3 hook(s) were not run or were stopped: the master is exiting and waits for its hooks 1s at most."], Said);
    }

    [Fact]
    public void HooksPastTheQueueAreDroppedWithALineSayingWhy()
    {
        var config = Config($"worker_exit = {Toml("/bin/sh", "-c", "sleep 60")}\n");

        for (var pid = 1; pid <= HookRunner.MaxWaiting + 2; pid++)
        {
            _runner.Post(HookEvent.WorkerExited(pid, 0, null), config);
        }

        _runner.Finish(TimeSpan.FromMilliseconds(200));
        Assert.Contains(
            "Hook worker_exit was not run: 64 hooks are already waiting their turn. Hooks run one at a time, so a slow one holds up those after it.",
            Said);
    }

    [Fact]
    public void ACommandShowsAsAShellWouldTakeItBack()
    {
        Assert.Equal("/bin/notify --to 'ops team' 'it'\\''s' ''", HookRunner.Display(["/bin/notify", "--to", "ops team", "it's", ""]));
    }

    public void Dispose()
    {
        _runner.Finish(TimeSpan.Zero);
        _runner.Dispose();
        _configs.Dispose();
    }
}
