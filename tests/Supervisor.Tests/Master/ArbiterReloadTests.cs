using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>Live operations on the arbiter: HUP, TTIN, TTOU, USR1, USR2 and WINCH, with fakes all round.</summary>
public sealed class ArbiterReloadTests : ArbiterHarness
{
    private SupervisorConfig Config(string settings) => Configs.Valid("app = \"./MyApp\"\nbind = \"127.0.0.1:8000\"\n" + settings);

    private Arbiter Start(string settings)
    {
        var arbiter = Create("bind = \"127.0.0.1:8000\"\n" + settings);
        ReadyAll(arbiter);
        return arbiter;
    }

    [Fact]
    public void HupStartsANewGenerationAndDrainsOldWorkersOnlyOnceNewOnesAreReady()
    {
        var arbiter = Start("workers = 2");
        var old = Spawner.Spawned.ToList();
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 3\n");

        Signal(arbiter, Libc.SIGHUP);

        var fresh = Spawner.Spawned.Except(old).ToList();
        Assert.Equal(3, fresh.Count);
        Assert.All(fresh, w => Assert.Equal(2, w.Spec.Generation));
        Assert.All(old, w => Assert.Empty(w.Signals));

        // Two old and one new READY make the three wanted: nothing to drain yet; one more and the oldest goes.
        Slots.Set(fresh[0], WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
        Assert.All(old, w => Assert.Empty(w.Signals));
        Slots.Set(fresh[1], WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM], old[0].Signals);
        Assert.Empty(old[1].Signals);

        ReadyAll(arbiter);
        Assert.All(old, w => Assert.Equal([Libc.SIGTERM], w.Signals));
        DrainStopped(arbiter);
        Assert.Equal(3, Spawner.Alive.Count());
        Assert.Contains("Hang up: Master", Log.Messages);
        Assert.Contains(Log.Messages, m => m.StartsWith("Reloaded the configuration: ", StringComparison.Ordinal) && m.Contains("workers 2 -> 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ARollingReloadNeverRunsMoreThanOneExtraProcess()
    {
        var arbiter = Start("workers = 3\nreload_strategy = \"rolling\"");
        var old = Spawner.Spawned.ToList();
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 3\nreload_strategy = \"rolling\"\n");
        var most = 0;

        Signal(arbiter, Libc.SIGHUP);
        for (var round = 0; round < 10 && Spawner.Alive.Any(w => old.Contains(w)); round++)
        {
            most = Math.Max(most, Spawner.Alive.Count());
            ReadyAll(arbiter);
            most = Math.Max(most, Spawner.Alive.Count());
            DrainStopped(arbiter);
            arbiter.Tick();
        }

        Assert.Equal(4, most);
        Assert.Empty(Spawner.Alive.Intersect(old));
        Assert.Equal(3, Spawner.Alive.Count());
    }

    [Fact]
    public void AnInvalidConfigurationKeepsEverythingAsItIs()
    {
        var arbiter = Start("workers = 2");
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nwrokers = 3\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(2, Spawner.Spawned.Count);
        Assert.All(Spawner.Spawned, w => Assert.Empty(w.Signals));
        Assert.Equal(1, arbiter.GenerationNumber);
        Assert.Contains(Log.Messages, m => m.StartsWith("Reload: ", StringComparison.Ordinal) && m.EndsWith("unknown key 'wrokers'; did you mean 'workers'?", StringComparison.Ordinal));
        Assert.Contains("Reload refused: the configuration has 1 problem(s); the running configuration and workers are kept.", Log.Messages);
        var (accepted, reasons) = Assert.Single(Host.ReloadReports);
        Assert.False(accepted);
        Assert.EndsWith("unknown key 'wrokers'; did you mean 'workers'?", Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void ABindThatFailsKeepsEverythingAsItIs()
    {
        var arbiter = Start("workers = 1");
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nbind = \"127.0.0.1:81\"\n");
        Host.BindFailure = new HaltException("Address already in use: 127.0.0.1:81", 1);

        Signal(arbiter, Libc.SIGHUP);

        Assert.Single(Spawner.Spawned);
        Assert.Contains("Reload refused: Address already in use: 127.0.0.1:81; the running configuration and workers are kept.", Log.Messages);
        var (accepted, reasons) = Assert.Single(Host.ReloadReports);
        Assert.False(accepted);
        Assert.Equal(["Address already in use: 127.0.0.1:81"], reasons);
    }

    [Fact]
    public void AnAcceptedReloadIsReportedAsAccepted()
    {
        var arbiter = Start("workers = 1");
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 2\n");

        Signal(arbiter, Libc.SIGHUP);

        var (accepted, reasons) = Assert.Single(Host.ReloadReports);
        Assert.True(accepted);
        Assert.Empty(reasons);
    }

    [Fact]
    public void ListenersARemovedBindNoLongerNeedsCloseAfterTheOldWorkersLeave()
    {
        var arbiter = Start("workers = 1");
        var old = Spawner.Spawned.Single();
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nbind = \"127.0.0.1:9000\"\n");

        Signal(arbiter, Libc.SIGHUP);
        Assert.Equal([9000], Spawner.Spawned[^1].Spec.ListenFds);
        ReadyAll(arbiter);
        Assert.DoesNotContain(Host.CloseRequests, r => !r.Contains(8000));

        ExitAndReap(arbiter, old, 0);

        Assert.Equal(new HashSet<int> { 9000 }, Host.CloseRequests[^1]);
    }

    [Fact]
    public void NewWorkersThatNeverBootRollBackToThePreviousGeneration()
    {
        var arbiter = Start("workers = 1");
        var old = Spawner.Spawned.Single();
        Host.NextConfig = Configs.Load("app = \"./Broken\"\nworkers = 1\n");
        Signal(arbiter, Libc.SIGHUP);

        for (var i = 0; i < Arbiter.MaxBootFailures; i++)
        {
            ExitAndReap(arbiter, Spawner.Spawned[^1], 1);
            Clock.Advance(RestartBackoff.Cap);
            Slots.Set(old, WorkerState.Ready, Clock.NowMs); // the old worker keeps its heartbeat
            arbiter.Tick();
        }

        Assert.False(arbiter.Finished);
        Assert.Empty(old.Signals);
        Assert.Equal(1, arbiter.GenerationNumber);
        Assert.Equal(Path.Combine(Configs.Folder, "MyApp"), arbiter.Config.Get(Settings.App)[0]);
        Assert.Contains(Log.Messages, m => m.StartsWith("The new workers failed to boot 5 times in a row; back to the previous configuration (generation 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void TtinAddsAWorkerAndTtouRetiresTheOldestButNeverTheLast()
    {
        var arbiter = Start("workers = 2");
        var counts = new List<int>();

        Signal(arbiter, Libc.SIGTTIN);
        ReadyAll(arbiter);
        counts.Add(Spawner.Alive.Count());
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Signal(arbiter, Libc.SIGTTOU);
            DrainStopped(arbiter);
            counts.Add(Spawner.Alive.Count());
        }

        Assert.Equal([3, 2, 1, 1], counts);
        Assert.Equal(Spawner.Spawned[2], Spawner.Alive.Single());
        Assert.Contains("Number of workers: 3", Log.Messages);
    }

    [Fact]
    public void HupResetsTheCountToTheConfiguredWorkers()
    {
        var arbiter = Start("workers = 2");
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTIN);
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 2\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(2, arbiter.WantedWorkers);
    }

    [Fact]
    public void Usr1ReopensTheMastersLogsAndTellsEveryWorker()
    {
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGUSR1);

        Assert.Equal(1, Host.Reopens);
        Assert.All(Spawner.Alive, w => Assert.Equal([Libc.SIGUSR1], w.Signals));
    }

    [Fact]
    public void Usr2StartsANewMaster()
    {
        var arbiter = Start("workers = 1");

        Signal(arbiter, Libc.SIGUSR2);

        Assert.Equal(1, Host.ChildMastersStarted);
        Assert.Single(Spawner.Alive);
    }

    [Fact]
    public void WinchStopsTheWorkersButNotTheMasterWhileANewMasterServes()
    {
        Host.HasChildMaster = true;
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGWINCH);
        DrainStopped(arbiter);
        arbiter.Tick();

        Assert.Empty(Spawner.Alive);
        Assert.False(arbiter.Finished);
    }

    [Fact]
    public void WinchIsIgnoredOnATerminal()
    {
        Host.IsInteractive = true;
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGWINCH);

        Assert.All(Spawner.Alive, w => Assert.Empty(w.Signals));
        Assert.Contains("SIGWINCH ignored: the master is attached to a terminal.", Log.Messages);
    }

    [Fact]
    public void AChangeOfTheAppsFilesReloadsAsHupDoesButNotWhileStopping()
    {
        var arbiter = Start("workers = 1");
        ReadyAll(arbiter);
        var old = Spawner.Spawned.ToList();
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\nworkers = 1\n");

        arbiter.Post(new ArbiterEvent.FilesChanged());
        arbiter.Tick();

        var fresh = Assert.Single(Spawner.Spawned.Except(old));
        Assert.Equal(2, fresh.Spec.Generation);
        Assert.Contains("Hang up: Master", Log.Messages);

        Signal(arbiter, Libc.SIGTERM);
        arbiter.Post(new ArbiterEvent.FilesChanged());
        arbiter.Tick();
        Assert.Equal(2, Spawner.Spawned.Count);
        Assert.Single(Log.Messages, m => m == "Hang up: Master");
    }
}
