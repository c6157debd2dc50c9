using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>What the arbiter tells systemd, and when: the order a Type=notify service needs.</summary>
public sealed class ArbiterServiceManagerTests : ArbiterHarness
{
    private const string App = "app = \"./MyApp\"\n";

    [Fact]
    public void ReadyOnlyOnceEveryWantedWorkerIsReadyThenTheCountAsItChanges()
    {
        var arbiter = Create("workers = 2");
        Slots.Set(Spawner.Spawned[0], WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
        Assert.Empty(Host.Notices);

        ReadyAll(arbiter);
        Signal(arbiter, Libc.SIGTTOU);
        DrainStopped(arbiter);
        arbiter.Tick();

        Assert.Equal(["READY=2", "STATUS=1"], Host.Notices);
        Assert.True(Host.WatchdogPings > 3);
    }

    [Fact]
    public void AReloadSaysReloadingThenReadyOnceTheNewWorkersAreReady()
    {
        var arbiter = Create("workers = 2");
        ReadyAll(arbiter);
        Host.NextConfig = Configs.Load(App + "workers = 2\n");

        Signal(arbiter, Libc.SIGHUP);
        Assert.Equal(["READY=2", "RELOADING"], Host.Notices);
        ReadyAll(arbiter);
        DrainStopped(arbiter);
        arbiter.Tick();

        Assert.Equal(["READY=2", "RELOADING", "READY=2"], Host.Notices);
    }

    [Fact]
    public void ARefusedReloadSaysReadyAtOnce()
    {
        var arbiter = Create("workers = 2");
        ReadyAll(arbiter);
        Host.NextConfig = Configs.Load(App + "wrokers = 2\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(["READY=2", "RELOADING", "READY=2"], Host.Notices);
    }

    [Fact]
    public void AStopSaysStoppingOnceEvenWhenHurried()
    {
        var arbiter = Create("workers = 1");
        ReadyAll(arbiter);

        Signal(arbiter, Libc.SIGTERM);
        Signal(arbiter, Libc.SIGQUIT);

        Assert.Equal(["READY=1", "STOPPING"], Host.Notices);
    }
}
