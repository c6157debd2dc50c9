using Supervisor.Master;
using Supervisor.Native;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Master;

/// <summary>Memory and lifetime recycling, and the counters the metrics read.</summary>
public sealed class ArbiterRecyclingTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly FakeSpawner _spawner = new();
    private readonly FakeSlots _slots = new();
    private readonly FakeClock _clock = new();
    private readonly CollectingSink _log = new();
    private readonly FakeMasterHost _host = new();

    public void Dispose() => _configs.Dispose();

    private Arbiter Start(string settings)
    {
        // No timeouts unless a test asks: the fake clock jumps far ahead.
        var timeout = settings.Contains("timeout", StringComparison.Ordinal) ? "" : "timeout = 0\n";
        var config = _configs.Valid("app = \"./MyApp\"\n" + timeout + settings);
        var arbiter = new Arbiter(config, [3], _spawner, _slots, _clock, _log.CreateLogger(), new Random(11), _host);
        arbiter.Tick();
        Ready(arbiter);
        return arbiter;
    }

    private void Ready(Arbiter arbiter)
    {
        foreach (var worker in _spawner.Alive)
        {
            _slots.Set(worker, WorkerState.Ready, _clock.NowMs);
        }

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

    [Fact]
    public void AWorkerPastTheMemoryLimitIsReplacedBeforeItIsToldToDrain()
    {
        var arbiter = Start("workers = 2\nmax_worker_memory = 100");
        var heavy = _spawner.Spawned[0];
        _host.Rss[heavy.Pid] = 150L * 1024 * 1024;
        _host.Rss[_spawner.Spawned[1].Pid] = 50L * 1024 * 1024;

        _clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();

        Assert.Equal(3, _spawner.Alive.Count());
        Assert.Empty(heavy.Signals);
        Assert.Contains($"Worker (pid:{heavy.Pid}) uses 150 MiB, above max_worker_memory (100 MiB); replacing it", _log.Messages);

        Ready(arbiter);
        Assert.Equal([Libc.SIGTERM], heavy.Signals);
        Assert.Empty(_spawner.Spawned[1].Signals);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Memory));
    }

    [Fact]
    public void LifetimesAreJitteredAndAWorkerPastItsOwnIsReplacedFirst()
    {
        var arbiter = Start("workers = 8\nmax_worker_lifetime = 60\nmax_worker_lifetime_jitter = 10");
        var lifetimes = _spawner.Spawned.Select(w => w.Spec.LifetimeMs).ToList();
        Assert.All(lifetimes, l => Assert.InRange(l, 50_000, 70_000));
        Assert.True(lifetimes.Distinct().Count() > 2, "lifetimes are spread");

        var first = _spawner.Spawned.MinBy(w => w.Spec.LifetimeMs)!;
        _clock.Advance(TimeSpan.FromMilliseconds(first.Spec.LifetimeMs));
        foreach (var worker in _spawner.Alive)
        {
            _slots.Set(worker, WorkerState.Ready, _clock.NowMs);
        }

        arbiter.Tick();

        Assert.Contains($"Worker (pid:{first.Pid}) has lived past its lifetime of {first.Spec.LifetimeMs / 1000}s; replacing it", _log.Messages);
        Assert.Empty(first.Signals);
        Ready(arbiter);
        Assert.Equal([Libc.SIGTERM], first.Signals);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Lifetime));
    }

    [Fact]
    public void CountsRestartsByReason()
    {
        var arbiter = Start("workers = 2\nmax_requests = 10\ntimeout = 30");
        var (retiring, crashing) = (_spawner.Spawned[0], _spawner.Spawned[1]);

        _slots.Set(retiring, WorkerState.Retiring, _clock.NowMs);
        arbiter.Tick();
        ExitAndReap(arbiter, retiring, 0);
        ExitAndReap(arbiter, crashing, 139);
        var hung = _spawner.Alive.First();
        _slots.Set(hung, WorkerState.Ready, _clock.NowMs);
        arbiter.Tick();
        _clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();

        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Quota));
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Crash));
        Assert.True(arbiter.Stats.Restarts(RestartReason.Timeout) >= 1);
        Assert.Equal(0, arbiter.Stats.Restarts(RestartReason.Reload));
        Assert.Equal(2, arbiter.Stats.WantedWorkers);
    }

    [Fact]
    public void ReloadAndDrainingAreCounted()
    {
        var arbiter = Start("workers = 1");
        _host.NextConfig = _configs.Load("app = \"./MyApp\"\ntimeout = 0\n");

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGHUP));
        arbiter.Tick();
        Ready(arbiter);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Reload));
        Assert.False(arbiter.Stats.Draining);

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGTERM));
        arbiter.Tick();
        Assert.True(arbiter.Stats.Draining);
        Assert.Equal(1, _host.StopListeningCalls);
    }
}
