using Supervisor.Configuration;
using Supervisor.Master;
using Supervisor.Native;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Master;

/// <summary>Live operations on the arbiter: HUP, TTIN, TTOU, USR1, USR2 and WINCH, with fakes all round.</summary>
public sealed class ArbiterReloadTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly FakeSpawner _spawner = new();
    private readonly FakeSlots _slots = new();
    private readonly FakeClock _clock = new();
    private readonly CollectingSink _log = new();
    private readonly FakeMasterHost _host = new();

    public void Dispose() => _configs.Dispose();

    private SupervisorConfig Config(string settings) => _configs.Valid("app = \"./MyApp\"\nbind = \"127.0.0.1:8000\"\n" + settings);

    private Arbiter Start(string settings)
    {
        var arbiter = new Arbiter(Config(settings), [8000], _spawner, _slots, _clock, _log.CreateLogger(), new Random(3), _host);
        arbiter.Tick();
        ReadyAll(arbiter);
        return arbiter;
    }

    private void ReadyAll(Arbiter arbiter)
    {
        foreach (var worker in _spawner.Alive)
        {
            _slots.Set(worker, WorkerState.Ready, _clock.NowMs);
        }

        arbiter.Tick();
    }

    private static void Signal(Arbiter arbiter, int signal)
    {
        arbiter.Post(new ArbiterEvent.SignalReceived(signal));
        arbiter.Tick();
    }

    private static void ExitAndReap(Arbiter arbiter, FakeWorkerProcess worker, int code)
    {
        worker.Exit(code);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (arbiter.Workers.All.Any(w => w.Pid == worker.Pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            arbiter.Tick();
        }
    }

    /// <summary>Lets every worker that was told TERM exit 0, as a draining worker does.</summary>
    private void DrainStopped(Arbiter arbiter)
    {
        foreach (var worker in _spawner.Alive.Where(w => w.Signals.Contains(Libc.SIGTERM)).ToList())
        {
            ExitAndReap(arbiter, worker, 0);
        }
    }

    [Fact]
    public void HupStartsANewGenerationAndDrainsOldWorkersOnlyOnceNewOnesAreReady()
    {
        var arbiter = Start("workers = 2");
        var old = _spawner.Spawned.ToList();
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nworkers = 3\n");

        Signal(arbiter, Libc.SIGHUP);

        var fresh = _spawner.Spawned.Except(old).ToList();
        Assert.Equal(3, fresh.Count);
        Assert.All(fresh, w => Assert.Equal(2, w.Spec.Generation));
        Assert.All(old, w => Assert.Empty(w.Signals));

        // Two old and one new READY make the three wanted: nothing to drain yet; one more and the oldest goes.
        _slots.Set(fresh[0], WorkerState.Ready, _clock.NowMs);
        arbiter.Tick();
        Assert.All(old, w => Assert.Empty(w.Signals));
        _slots.Set(fresh[1], WorkerState.Ready, _clock.NowMs);
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM], old[0].Signals);
        Assert.Empty(old[1].Signals);

        ReadyAll(arbiter);
        Assert.All(old, w => Assert.Equal([Libc.SIGTERM], w.Signals));
        DrainStopped(arbiter);
        Assert.Equal(3, _spawner.Alive.Count());
        Assert.Contains("Hang up: Master", _log.Messages);
        Assert.Contains(_log.Messages, m => m.StartsWith("Reloaded the configuration: ", StringComparison.Ordinal) && m.Contains("workers 2 -> 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ARollingReloadNeverRunsMoreThanOneExtraProcess()
    {
        var arbiter = Start("workers = 3\nreload_strategy = \"rolling\"");
        var old = _spawner.Spawned.ToList();
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nworkers = 3\nreload_strategy = \"rolling\"\n");
        var most = 0;

        Signal(arbiter, Libc.SIGHUP);
        for (var round = 0; round < 10 && _spawner.Alive.Any(w => old.Contains(w)); round++)
        {
            most = Math.Max(most, _spawner.Alive.Count());
            ReadyAll(arbiter);
            most = Math.Max(most, _spawner.Alive.Count());
            DrainStopped(arbiter);
            arbiter.Tick();
        }

        Assert.Equal(4, most);
        Assert.Empty(_spawner.Alive.Intersect(old));
        Assert.Equal(3, _spawner.Alive.Count());
    }

    [Fact]
    public void AnInvalidConfigurationKeepsEverythingAsItIs()
    {
        var arbiter = Start("workers = 2");
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nwrokers = 3\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(2, _spawner.Spawned.Count);
        Assert.All(_spawner.Spawned, w => Assert.Empty(w.Signals));
        Assert.Equal(1, arbiter.GenerationNumber);
        Assert.Contains(_log.Messages, m => m.StartsWith("Reload: ", StringComparison.Ordinal) && m.EndsWith("unknown key 'wrokers'; did you mean 'workers'?", StringComparison.Ordinal));
        Assert.Contains("Reload refused: the configuration has 1 problem(s); the running configuration and workers are kept.", _log.Messages);
    }

    [Fact]
    public void ABindThatFailsKeepsEverythingAsItIs()
    {
        var arbiter = Start("workers = 1");
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nbind = \"127.0.0.1:81\"\n");
        _host.BindFailure = new HaltException("Address already in use: 127.0.0.1:81", 1);

        Signal(arbiter, Libc.SIGHUP);

        Assert.Single(_spawner.Spawned);
        Assert.Contains("Reload refused: Address already in use: 127.0.0.1:81; the running configuration and workers are kept.", _log.Messages);
    }

    [Fact]
    public void ListenersARemovedBindNoLongerNeedsCloseAfterTheOldWorkersLeave()
    {
        var arbiter = Start("workers = 1");
        var old = _spawner.Spawned.Single();
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nbind = \"127.0.0.1:9000\"\n");

        Signal(arbiter, Libc.SIGHUP);
        Assert.Equal([9000], _spawner.Spawned[^1].Spec.ListenFds);
        ReadyAll(arbiter);
        Assert.DoesNotContain(_host.CloseRequests, r => !r.Contains(8000));

        ExitAndReap(arbiter, old, 0);

        Assert.Equal(new HashSet<int> { 9000 }, _host.CloseRequests[^1]);
    }

    [Fact]
    public void NewWorkersThatNeverBootRollBackToThePreviousGeneration()
    {
        var arbiter = Start("workers = 1");
        var old = _spawner.Spawned.Single();
        _host.NextConfig = _configs.Load("app = \"./Broken\"\nworkers = 1\n");
        Signal(arbiter, Libc.SIGHUP);

        for (var i = 0; i < Arbiter.MaxBootFailures; i++)
        {
            ExitAndReap(arbiter, _spawner.Spawned[^1], 1);
            _clock.Advance(RestartBackoff.Cap);
            _slots.Set(old, WorkerState.Ready, _clock.NowMs); // the old worker keeps its heartbeat
            arbiter.Tick();
        }

        Assert.False(arbiter.Finished);
        Assert.Empty(old.Signals);
        Assert.Equal(1, arbiter.GenerationNumber);
        Assert.Equal(Path.Combine(_configs.Folder, "MyApp"), arbiter.Config.App[0]);
        Assert.Contains(_log.Messages, m => m.StartsWith("The new workers failed to boot 5 times in a row; back to the previous configuration (generation 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void TtinAddsAWorkerAndTtouRetiresTheOldestButNeverTheLast()
    {
        var arbiter = Start("workers = 2");
        var counts = new List<int>();

        Signal(arbiter, Libc.SIGTTIN);
        ReadyAll(arbiter);
        counts.Add(_spawner.Alive.Count());
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Signal(arbiter, Libc.SIGTTOU);
            DrainStopped(arbiter);
            counts.Add(_spawner.Alive.Count());
        }

        Assert.Equal([3, 2, 1, 1], counts);
        Assert.Equal(_spawner.Spawned[2], _spawner.Alive.Single());
        Assert.Contains("Number of workers: 3", _log.Messages);
    }

    [Fact]
    public void HupResetsTheCountToTheConfiguredWorkers()
    {
        var arbiter = Start("workers = 2");
        Signal(arbiter, Libc.SIGTTIN);
        Signal(arbiter, Libc.SIGTTIN);
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\nworkers = 2\n");

        Signal(arbiter, Libc.SIGHUP);

        Assert.Equal(2, arbiter.WantedWorkers);
    }

    [Fact]
    public void Usr1ReopensTheMastersLogsAndTellsEveryWorker()
    {
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGUSR1);

        Assert.Equal(1, _host.Reopens);
        Assert.All(_spawner.Alive, w => Assert.Equal([Libc.SIGUSR1], w.Signals));
    }

    [Fact]
    public void Usr2StartsANewMaster()
    {
        var arbiter = Start("workers = 1");

        Signal(arbiter, Libc.SIGUSR2);

        Assert.Equal(1, _host.ChildMastersStarted);
        Assert.Single(_spawner.Alive);
    }

    [Fact]
    public void WinchStopsTheWorkersButNotTheMaster()
    {
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGWINCH);
        DrainStopped(arbiter);
        arbiter.Tick();

        Assert.Empty(_spawner.Alive);
        Assert.False(arbiter.Finished);
    }

    [Fact]
    public void WinchIsIgnoredOnATerminal()
    {
        _host.IsInteractive = true;
        var arbiter = Start("workers = 2");

        Signal(arbiter, Libc.SIGWINCH);

        Assert.All(_spawner.Alive, w => Assert.Empty(w.Signals));
        Assert.Contains("SIGWINCH ignored: the master is attached to a terminal.", _log.Messages);
    }
}
