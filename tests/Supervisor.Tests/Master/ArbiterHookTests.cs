using Supervisor.Hooks;
using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>Where the arbiter asks for each hook, and what the hook is told.</summary>
public sealed class ArbiterHookTests : ArbiterHarness
{
    private Arbiter Start(string settings = "") => Create("bind = \"127.0.0.1:3\"\n" + settings);

    [Fact]
    public void NworkersChangedHearsTheFirstCountWithNoneBeforeItThenEachChange()
    {
        var arbiter = Start("workers = 2");
        ReadyAll(arbiter);

        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTOU);
        Signal(arbiter, Libc.SIGTTOU);

        var changes = Host.HooksNamed("nworkers_changed").Select(v => $"{v[HookVariables.WorkersOld]}->{v[HookVariables.WorkersNew]}");
        Assert.Equal(["->2", "2->3", "3->2", "2->1"], changes);
    }

    [Fact]
    public void WhenReadyRunsOnceTheWantedWorkersFirstServeAndNotAgain()
    {
        var arbiter = Start("workers = 2");
        MarkReady(Spawner.Spawned[0], arbiter);
        Assert.Empty(Host.HooksNamed("when_ready"));

        ReadyAll(arbiter);
        Signal(arbiter, Libc.SIGTTIN);
        ReadyAll(arbiter);

        var ready = Assert.Single(Host.HooksNamed("when_ready"));
        Assert.Equal("2", ready[HookVariables.Workers]);
    }

    [Fact]
    public void WorkerExitHearsEveryExitWithItsCodeAndTheSignalThatEndedIt()
    {
        var arbiter = Start("workers = 2");
        ReadyAll(arbiter);
        var (killed, clean) = (Spawner.Spawned[0], Spawner.Spawned[1]);

        ExitAndReap(arbiter, killed, 128 + Libc.SIGKILL);
        ExitAndReap(arbiter, clean, ExitCodes.Ok);

        var exits = Host.HooksNamed("worker_exit");
        Assert.Equal(2, exits.Count);
        Assert.Equal(killed.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), exits[0][HookVariables.WorkerPid]);
        Assert.Equal("137", exits[0][HookVariables.WorkerExitCode]);
        Assert.Equal("SIGKILL", exits[0][HookVariables.WorkerSignal]);
        Assert.Equal("0", exits[1][HookVariables.WorkerExitCode]);
        Assert.Equal("", exits[1][HookVariables.WorkerSignal]);
    }

    [Fact]
    public void WorkerAbortRunsAsATimedOutWorkerIsKilledAndSaysWhy()
    {
        var arbiter = Start("workers = 1\ntimeout = 30");
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);

        Slots.Set(worker, WorkerState.Ready, Clock.NowMs + 31_000, oldestStart: Clock.NowMs, line: "GET /api/sleep", client: "127.0.0.1");
        Clock.Advance(TimeSpan.FromMilliseconds(31_200));
        arbiter.Tick();

        var abort = Assert.Single(Host.HooksNamed("worker_abort"));
        Assert.Equal(worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), abort[HookVariables.WorkerPid]);
        Assert.Equal("GET /api/sleep running 31.2s from 127.0.0.1", abort[HookVariables.WorkerTimeout]);
    }

    [Fact]
    public void OnReloadRunsWhenAReloadIsTakenAndNotWhenItIsRefused()
    {
        var arbiter = Start("workers = 1");
        ReadyAll(arbiter);

        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nwrokers = 3\n");
        Signal(arbiter, Libc.SIGHUP);
        Assert.Empty(Host.HooksNamed("on_reload"));

        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 1\n");
        Signal(arbiter, Libc.SIGHUP);
        var reload = Assert.Single(Host.HooksNamed("on_reload"));
        Assert.Equal("2", reload[HookVariables.Generation]);
    }
}
