using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>Signals in bursts, and in any mix: the master stays up, serving, and lands on the count they add up to.</summary>
public sealed class ArbiterBurstTests : ArbiterHarness
{
    private const string App = "app = \"./MyApp\"\n";

    private Arbiter Start(string settings)
    {
        var arbiter = Create("bind = \"127.0.0.1:8000\"\n" + settings);
        ReadyAll(arbiter);
        return arbiter;
    }

    private int Count(string message) => Log.Messages.Count(m => m == message);

    /// <summary>Workers told TERM before their handlers exist die of it, as a booting .NET worker does.</summary>
    private void DieOfTerm(Arbiter arbiter)
    {
        foreach (var worker in Spawner.Alive.Where(w => w.Signals.Contains(Libc.SIGTERM)).ToList())
        {
            ExitAndReap(arbiter, worker, 128 + Libc.SIGTERM);
        }
    }

    [Fact]
    public void WorkersStoppedWhileBootingAreNoBootFailuresHoweverMany()
    {
        var arbiter = Start("workers = 2");

        // TTIN then TTOU, over and over: the master stops its own booting workers, many more than five times.
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                Signal(arbiter, Libc.SIGTTIN);
            }

            for (var i = 0; i < 5; i++)
            {
                Signal(arbiter, Libc.SIGTTOU);
            }

            DieOfTerm(arbiter);
        }

        Assert.False(arbiter.Finished);
        Assert.Equal(2, Spawner.Alive.Count());
        Assert.DoesNotContain(Log.Messages, m => m.Contains("failed to boot", StringComparison.Ordinal));
        Assert.DoesNotContain(Log.Messages, m => m.StartsWith("Workers are dying quickly", StringComparison.Ordinal));
        Assert.Equal(20, Log.Messages.Count(m => m.EndsWith("was stopped before it was ready (SIGTERM).", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnOutgoingWorkerThatIsStillBootingIsStoppedAtOnceAndTheReadyOnesServeOn()
    {
        var arbiter = Start("workers = 2");
        var ready = Spawner.Spawned.ToList();
        Signal(arbiter, Libc.SIGTTIN);
        var booting = Spawner.Alive.Except(ready).Single();
        Host.NextConfig = Configs.Load(App + "workers = 3\n");

        Signal(arbiter, Libc.SIGHUP);

        // The booting one of the old generation goes now; the READY ones serve until new workers are READY.
        Assert.Equal([Libc.SIGTERM], booting.Signals);
        Assert.All(ready, w => Assert.Empty(w.Signals));
    }

    [Fact]
    public void HupsDuringAReloadBecomeOneMoreReloadOnceItsWorkersAreReady()
    {
        var arbiter = Start("workers = 2");
        Host.NextConfig = Configs.Load(App + "workers = 2\n");

        for (var i = 0; i < 50; i++)
        {
            Signal(arbiter, Libc.SIGHUP);
        }

        Assert.Equal(1, Count("Hang up: Master"));
        Assert.Equal(1, Count("A reload is under way; one more will start once its workers are ready."));
        Assert.Equal(4, Spawner.Alive.Count());

        ReadyAll(arbiter);
        Assert.Equal(2, Count("Hang up: Master"));
        ReadyAll(arbiter);
        DrainStopped(arbiter);
        arbiter.Tick();
        Assert.Equal(2, Count("Hang up: Master"));
        Assert.Equal(3, arbiter.GenerationNumber);
        Assert.Equal(2, Spawner.Alive.Count());
        Assert.All(Spawner.Alive, w => Assert.Equal(3, w.Spec.Generation));
    }

    [Fact]
    public void TtinAndTtouAfterADeferredHupCountFromTheWorkersItSets()
    {
        var arbiter = Start("workers = 2");
        Host.NextConfig = Configs.Load(App + "workers = 3\n");
        Signal(arbiter, Libc.SIGHUP);
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGHUP);
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTOU);

        for (var round = 0; round < 4; round++)
        {
            ReadyAll(arbiter);
            DrainStopped(arbiter);
        }

        // The last HUP sets 3; then +1 +1 -1.
        Assert.Equal(4, arbiter.WantedWorkers);
        Assert.Equal(4, Spawner.Alive.Count());
        Assert.All(Spawner.Alive, w => Assert.Equal(3, w.Spec.Generation));
    }

    [Fact]
    public void TtinPastHalfTheSlotsIsRefusedWithOneLineEachAndNothingBreaks()
    {
        var arbiter = Start("workers = 2");

        for (var i = 0; i < 200; i++)
        {
            Signal(arbiter, Libc.SIGTTIN);
        }

        ReadyAll(arbiter);
        Assert.Equal(16, arbiter.WantedWorkers);
        Assert.Equal(16, Spawner.Alive.Count());
        Assert.Equal(200 - 14, Count("TTIN refused: 16 workers is the most this master runs (its scoreboard has 32 slots, half of them kept for a reload's new workers)."));
        Assert.DoesNotContain("Unhandled exception in main loop", Log.Messages);

        for (var i = 0; i < 200; i++)
        {
            Signal(arbiter, Libc.SIGTTOU);
        }

        DrainStopped(arbiter);
        arbiter.Tick();
        Assert.Equal(1, arbiter.WantedWorkers);
        Assert.Single(Spawner.Alive);
        Assert.False(arbiter.Finished);
    }

    [Fact]
    public void TtouStopsWorkersStillBootingBeforeReadyOnes()
    {
        var arbiter = Start("workers = 2");
        var ready = Spawner.Spawned.ToList();
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTIN);
        var booting = Spawner.Alive.Except(ready).ToList();

        Signal(arbiter, Libc.SIGTTOU);
        Signal(arbiter, Libc.SIGTTOU);

        Assert.All(booting, w => Assert.Equal([Libc.SIGTERM], w.Signals));
        Assert.All(ready, w => Assert.Empty(w.Signals));
    }

    [Fact]
    public void AReloadAskingForMoreWorkersThanHalfTheSlotsRunsHalfAndSaysSo()
    {
        var arbiter = Start("workers = 2");
        Host.NextConfig = Configs.Load(App + "workers = 40\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(16, arbiter.WantedWorkers);
        Assert.Contains("workers = 40 is more than this master can run; running 16 (its scoreboard has 32 slots, half of them kept for a reload). Restart the master to run more.", Log.Messages);
    }

    [Fact]
    public void WithEverySlotTakenTheRestStartAsSlotsFreeUp()
    {
        var arbiter = Start("workers = 16");
        Host.NextConfig = Configs.Load(App + "workers = 16\n");
        Signal(arbiter, Libc.SIGHUP);
        ReadyAll(arbiter);

        // The first generation drains slowly while a second HUP wants a third generation: 48 processes, 32 slots.
        Host.NextConfig = Configs.Load(App + "workers = 16\n");
        Signal(arbiter, Libc.SIGHUP);
        Assert.Equal(32, Spawner.Alive.Count());
        Assert.DoesNotContain("Unhandled exception in main loop", Log.Messages);

        DrainStopped(arbiter);
        arbiter.Tick();
        Assert.Equal(16, Spawner.Alive.Count(w => w.Spec.Generation == 3));
    }

    [Fact]
    public void SignalsThatStartSomethingAreIgnoredWhileStopping()
    {
        var arbiter = Start("workers = 2");
        Signal(arbiter, Libc.SIGTERM);

        foreach (var signal in new[] { Libc.SIGHUP, Libc.SIGTTIN, Libc.SIGUSR2, Libc.SIGWINCH })
        {
            Signal(arbiter, signal);
        }

        Assert.Equal(0, Host.ChildMastersStarted);
        Assert.Equal(2, Spawner.Spawned.Count);
        Assert.Contains("Ignoring signal hup: the master is shutting down.", Log.Messages);
        Assert.Contains("Ignoring signal ttin: the master is shutting down.", Log.Messages);
    }

    [Fact]
    public void AQuickStopSaysItsOwnLimitWhenItKills()
    {
        var arbiter = Start("workers = 1\ngraceful_timeout = 30");
        Signal(arbiter, Libc.SIGQUIT);

        Clock.Advance(TimeSpan.FromMilliseconds(StopSequence.QuickStopLimitMs));
        arbiter.Tick();

        Assert.Contains(Log.Messages, m => m.EndsWith("did not exit within 2s of QUIT; killing it.", StringComparison.Ordinal));
        Assert.DoesNotContain(Log.Messages, m => m.Contains("graceful_timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Usr1ReachesABootingWorkerOnlyOnceItIsReady()
    {
        var arbiter = Start("workers = 1");
        Signal(arbiter, Libc.SIGTTIN);
        var booting = Spawner.Alive.Single(w => w.Spec.Slot != Spawner.Spawned[0].Spec.Slot);

        Signal(arbiter, Libc.SIGUSR1);
        Assert.Equal([Libc.SIGUSR1], Spawner.Spawned[0].Signals);
        Assert.Empty(booting.Signals);

        Slots.Set(booting, WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
        Assert.Equal([Libc.SIGUSR1], booting.Signals);
    }

    [Fact]
    public void WinchWithoutANewMasterIsIgnoredSoTheServiceStaysUp()
    {
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGWINCH);

        Assert.All(Spawner.Alive, w => Assert.Empty(w.Signals));
        Assert.Equal(2, arbiter.WantedWorkers);
        Assert.Contains("SIGWINCH ignored: no new master serves on these sockets, so stopping the workers would stop the service. Send USR2 first (binary upgrade), then WINCH.", Log.Messages);
    }
}
