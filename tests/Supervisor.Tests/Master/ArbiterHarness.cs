using Supervisor.Configuration.Catalogue;
using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>An arbiter over fakes (spawner, scoreboard, clock, host, log), and the moves tests make on it.</summary>
public abstract class ArbiterHarness : IDisposable
{
    private protected ConfigFixture Configs { get; } = new();

    private protected ArbiterHarness()
    {
        Spawner.Preparing = Slots.Clear;
    }

    private protected FakeSpawner Spawner { get; } = new();

    private protected FakeSlots Slots { get; } = new();

    private protected FakeClock Clock { get; } = new();

    private protected CollectingSink Log { get; } = new();

    private protected FakeArbiterHost Host { get; } = new();

    public void Dispose()
    {
        Configs.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>An arbiter on this configuration (app is set), after its first pass.</summary>
    private protected Arbiter Create(string settings, int seed = 3)
    {
        var config = Configs.Valid("app = \"./MyApp\"\n" + settings);
        var arbiter = new Arbiter(config, config.Get(Settings.Bind).Select(b => b.Port).ToList(), Spawner, Slots, Clock, Log.CreateLogger(), new Random(seed), Host);
        arbiter.Tick();
        return arbiter;
    }

    private protected void MarkReady(FakeWorkerProcess worker, Arbiter arbiter)
    {
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
    }

    /// <summary>Every live worker reports READY with a fresh heartbeat.</summary>
    private protected void ReadyAll(Arbiter arbiter)
    {
        foreach (var worker in Spawner.Alive)
        {
            Slots.Set(worker, WorkerState.Ready, Clock.NowMs);
        }

        arbiter.Tick();
    }

    private protected static void Signal(Arbiter arbiter, int signal)
    {
        arbiter.Post(new ArbiterEvent.SignalReceived(signal));
        arbiter.Tick();
    }

    /// <summary>The worker exits; passes run until the arbiter has heard of it (exits arrive from another thread).</summary>
    private protected static void ExitAndReap(Arbiter arbiter, FakeWorkerProcess worker, int code)
    {
        worker.Exit(code);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (arbiter.Workers.All.Any(w => w.Pid == worker.Pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            arbiter.Tick();
        }
    }

    /// <summary>Every worker that was told TERM exits 0, as a draining worker does.</summary>
    private protected void DrainStopped(Arbiter arbiter)
    {
        foreach (var worker in Spawner.Alive.Where(w => w.Signals.Contains(Libc.SIGTERM)).ToList())
        {
            ExitAndReap(arbiter, worker, 0);
        }
    }
}
