using Supervisor.Master;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>Memory and lifetime recycling, and the counters the metrics read.</summary>
public sealed class ArbiterRecyclingTests : ArbiterHarness
{
    private Arbiter Start(string settings)
    {
        // No timeouts unless a test asks: the fake clock jumps far ahead.
        var timeout = settings.Contains("timeout", StringComparison.Ordinal) ? "" : "timeout = 0\n";
        var arbiter = Create("bind = \"127.0.0.1:3\"\n" + timeout + settings, seed: 11);
        ReadyAll(arbiter);
        return arbiter;
    }

    [Fact]
    public void AWorkerPastTheMemoryLimitIsReplacedBeforeItIsToldToDrain()
    {
        var arbiter = Start("workers = 2\nmax_worker_memory = 100");
        var heavy = Spawner.Spawned[0];
        Host.Rss[heavy.Pid] = 150L * 1024 * 1024;
        Host.Rss[Spawner.Spawned[1].Pid] = 50L * 1024 * 1024;

        Clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();

        Assert.Equal(3, Spawner.Alive.Count());
        Assert.Empty(heavy.Signals);
        Assert.Contains($"Worker (pid:{heavy.Pid}) uses 150 MiB, above max_worker_memory (100 MiB); replacing it", Log.Messages);

        ReadyAll(arbiter);
        Assert.Equal([Libc.SIGTERM], heavy.Signals);
        Assert.Empty(Spawner.Spawned[1].Signals);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Memory));
    }

    [Fact]
    public void LifetimesAreJitteredAndAWorkerPastItsOwnIsReplacedFirst()
    {
        var arbiter = Start("workers = 8\nmax_worker_lifetime = 60\nmax_worker_lifetime_jitter = 10");
        var lifetimes = Spawner.Spawned.Select(w => w.Spec.LifetimeMs).ToList();
        Assert.All(lifetimes, l => Assert.InRange(l, 50_000, 70_000));
        Assert.True(lifetimes.Distinct().Count() > 2, "lifetimes are spread");

        var first = Spawner.Spawned.MinBy(w => w.Spec.LifetimeMs)!;
        Clock.Advance(TimeSpan.FromMilliseconds(first.Spec.LifetimeMs));
        foreach (var worker in Spawner.Alive)
        {
            Slots.Set(worker, WorkerState.Ready, Clock.NowMs);
        }

        arbiter.Tick();

        Assert.Contains($"Worker (pid:{first.Pid}) has lived past its lifetime of {first.Spec.LifetimeMs / 1000}s; replacing it", Log.Messages);
        Assert.Empty(first.Signals);
        ReadyAll(arbiter);
        Assert.Equal([Libc.SIGTERM], first.Signals);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Lifetime));
    }

    [Fact]
    public void CountsRestartsByReason()
    {
        var arbiter = Start("workers = 2\nmax_requests = 10\ntimeout = 30");
        var (retiring, crashing) = (Spawner.Spawned[0], Spawner.Spawned[1]);

        Slots.Set(retiring, WorkerState.Retiring, Clock.NowMs);
        arbiter.Tick();
        ExitAndReap(arbiter, retiring, 0);
        ExitAndReap(arbiter, crashing, 139);
        var hung = Spawner.Alive.First();
        Slots.Set(hung, WorkerState.Ready, Clock.NowMs);
        arbiter.Tick();
        Clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();

        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Quota));
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Crash));
        Assert.True(arbiter.Stats.Restarts(RestartReason.Timeout) >= 1);
        Assert.Equal(0, arbiter.Stats.Restarts(RestartReason.Reload));
        Assert.Equal(2, arbiter.Stats.WantedWorkers);
    }

    [Fact]
    public void AReapedWorkersLastRequestsStayInTheServedTotal()
    {
        var arbiter = Start("workers = 1");
        var old = Spawner.Spawned[0];
        Slots.Set(old, WorkerState.Ready, Clock.NowMs, served: 2);
        var all = () => Enumerable.Range(0, Slots.SlotCount).Select(s => (s, Slots.Read(s)));
        Assert.Equal(2, arbiter.Stats.Served.Observe(all()).Served);

        // Three more after the last scrape; then the worker exits, and its replacement claims the slot.
        Slots.Set(old, WorkerState.Ready, Clock.NowMs, served: 5);
        ExitAndReap(arbiter, old, 0);
        Clock.Advance(RestartBackoff.Cap); // it died young: its replacement waits out the backoff
        arbiter.Tick();
        var fresh = Spawner.Spawned[^1];
        Assert.NotEqual(old, fresh);
        Assert.Equal(old.Spec.Slot, fresh.Spec.Slot);
        Slots.Set(fresh, WorkerState.Ready, Clock.NowMs, served: 1);

        Assert.Equal(5 + 1, arbiter.Stats.Served.Observe(all()).Served);
    }

    [Fact]
    public void ReloadAndDrainingAreCounted()
    {
        var arbiter = Start("workers = 1");
        Host.NextConfig = Configs.Load("app = \"./MyApp\"\ntimeout = 0\n");

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGHUP));
        arbiter.Tick();
        ReadyAll(arbiter);
        Assert.Equal(1, arbiter.Stats.Restarts(RestartReason.Reload));
        Assert.False(arbiter.Stats.Draining);

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGTERM));
        arbiter.Tick();
        Assert.True(arbiter.Stats.Draining);
        Assert.Equal(1, Host.StopListeningCalls);
    }
}
