using Supervisor.Configuration;
using Supervisor.Master;
using Supervisor.Native;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Master;

public sealed class ArbiterTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly FakeSpawner _spawner = new();
    private readonly FakeSlots _slots = new();
    private readonly FakeClock _clock = new();
    private readonly CollectingSink _log = new();
    private readonly FakeMasterHost _host = new();

    public void Dispose() => _configs.Dispose();

    private Arbiter Start(string settings = "")
    {
        var config = _configs.Valid("app = \"./MyApp\"\n" + settings);
        var arbiter = new Arbiter(config, [3], _spawner, _slots, _clock, _log.CreateLogger(), new Random(3), _host);
        arbiter.Tick();
        return arbiter;
    }

    private void MarkReady(FakeWorkerProcess worker, Arbiter arbiter)
    {
        _slots.Set(worker, WorkerState.Ready, _clock.NowMs);
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
    public void SpawnsTheConfiguredNumberOfWorkers()
    {
        Start("workers = 3");

        Assert.Equal(3, _spawner.Spawned.Count);
        Assert.Equal([0, 1, 2], _spawner.Spawned.Select(p => p.Spec.Slot));
        Assert.Equal(3, _log.Messages.Count(m => m.StartsWith("Booting worker with pid: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void GivesEachWorkerAJitteredQuota()
    {
        Start("workers = 20\nmax_requests = 100\nmax_requests_jitter = 10");

        Assert.All(_spawner.Spawned, p => Assert.InRange(p.Spec.Quota, 90, 110));
        Assert.True(_spawner.Spawned.Select(p => p.Spec.Quota).Distinct().Count() > 3);
    }

    [Fact]
    public void ReplacesAWorkerThatDied()
    {
        var arbiter = Start("workers = 2");
        var victim = _spawner.Spawned[0];
        MarkReady(victim, arbiter);

        ExitAndReap(arbiter, victim, 128 + Libc.SIGKILL);
        _clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();

        Assert.Equal(2, _spawner.Alive.Count());
        Assert.Contains($"Worker (pid:{victim.Pid}) was sent SIGKILL! Perhaps out of memory?", _log.Messages);
        Assert.Equal(victim.Spec.Slot, _spawner.Spawned[^1].Spec.Slot);
    }

    [Fact]
    public void StartsTheReplacementOfARetiringWorkerBeforeItLeaves()
    {
        var arbiter = Start("workers = 2\nmax_requests = 10");
        var retiring = _spawner.Spawned[0];
        MarkReady(retiring, arbiter);

        _slots.Set(retiring, WorkerState.Retiring, _clock.NowMs);
        arbiter.Tick();

        Assert.Equal(3, _spawner.Alive.Count());
        Assert.Empty(retiring.Signals);
        ExitAndReap(arbiter, retiring, 0);
        arbiter.Tick();
        Assert.Equal(2, _spawner.Alive.Count());
        Assert.Contains($"Worker exiting (pid: {retiring.Pid})", _log.Messages);
        Assert.DoesNotContain(_log.Messages, m => m.Contains("dying quickly", StringComparison.Ordinal));
    }

    [Fact]
    public void AWorkerThatRetiredBetweenTwoPassesIsANormalExit()
    {
        var arbiter = Start("workers = 1\nmax_requests = 10");
        var worker = _spawner.Spawned[0];
        MarkReady(worker, arbiter);
        _slots.Set(worker, WorkerState.Retiring, _clock.NowMs);

        ExitAndReap(arbiter, worker, 0);

        Assert.Contains($"Worker exiting (pid: {worker.Pid})", _log.Messages);
        Assert.Equal(2, _spawner.Spawned.Count);
    }

    [Fact]
    public void KillsAWorkerHoldingARequestPastTheTimeoutAndSaysWhichRequest()
    {
        var arbiter = Start("workers = 1\ntimeout = 30");
        var worker = _spawner.Spawned[0];
        MarkReady(worker, arbiter);

        _slots.Set(worker, WorkerState.Ready, _clock.NowMs + 31_000, oldestStart: _clock.NowMs, line: "GET /api/sleep", client: "127.0.0.1");
        _clock.Advance(TimeSpan.FromMilliseconds(31_200));
        arbiter.Tick();

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        var line = Assert.Single(_log.Events, e => e.Level == Serilog.Events.LogEventLevel.Fatal);
        Assert.Equal($"WORKER TIMEOUT (pid:{worker.Pid}) GET /api/sleep running 31.2s from 127.0.0.1", CollectingSink.Render(line));
        Assert.Equal(2, _spawner.Spawned.Count);
    }

    [Fact]
    public void WithTimeoutDumpTheStacksAreLoggedBeforeTheKill()
    {
        _host.StackReport = "Thread 12 (request GET /api/debug/hang):\n   at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)";
        var arbiter = Start("workers = 1\ntimeout = 30\ntimeout_dump = true");
        var worker = _spawner.Spawned[0];
        MarkReady(worker, arbiter);

        _clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();
        Assert.Empty(worker.Signals);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (worker.Signals.Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            arbiter.Tick();
        }

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        Assert.Equal([worker.Pid], _host.Dumped);
        var report = Assert.Single(_log.Messages, m => m.StartsWith($"Stacks of worker (pid:{worker.Pid})", StringComparison.Ordinal));
        Assert.EndsWith("at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ADumpThatDoesNotReturnCannotKeepTheWorkerAlive()
    {
        _host.DumpDelay = TimeSpan.FromSeconds(3);
        var arbiter = Start("workers = 1\ntimeout = 30\ntimeout_dump = true");
        var worker = _spawner.Spawned[0];
        MarkReady(worker, arbiter);
        _clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();

        _clock.Advance(TimeSpan.FromSeconds(7));
        arbiter.Tick();

        Assert.Equal([Libc.SIGKILL], worker.Signals);
    }

    [Fact]
    public void TermDrainsThenKillsWhatIsLeftAfterTheGracefulTimeout()
    {
        var arbiter = Start("workers = 2\ngraceful_timeout = 10");
        _spawner.Spawned.ForEach(w => MarkReady(w, arbiter));

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGTERM));
        arbiter.Tick();
        Assert.All(_spawner.Spawned, w => Assert.Equal([Libc.SIGTERM], w.Signals));
        ExitAndReap(arbiter, _spawner.Spawned[0], 0);

        _clock.Advance(TimeSpan.FromSeconds(9));
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM], _spawner.Spawned[1].Signals);
        _clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM, Libc.SIGKILL], _spawner.Spawned[1].Signals);
        Assert.False(arbiter.Finished);

        ExitAndReap(arbiter, _spawner.Spawned[1], 128 + Libc.SIGKILL);
        arbiter.Tick();
        Assert.True(arbiter.Finished);
        Assert.Equal(0, arbiter.ExitCode);
        Assert.Equal(2, _spawner.Spawned.Count);
    }

    [Theory]
    [InlineData(Libc.SIGINT)]
    [InlineData(Libc.SIGQUIT)]
    public void IntAndQuitTellWorkersToExitAtOnce(int signal)
    {
        var arbiter = Start("workers = 2");

        arbiter.Post(new ArbiterEvent.SignalReceived(signal));
        arbiter.Tick();

        Assert.All(_spawner.Spawned, w => Assert.Equal([Libc.SIGQUIT], w.Signals));
    }

    [Fact]
    public void RepeatedBootFailuresHaltWithExitCodeThree()
    {
        var arbiter = Start("workers = 1");
        for (var i = 0; i < Arbiter.MaxBootFailures && !arbiter.Finished; i++)
        {
            ExitAndReap(arbiter, _spawner.Spawned[^1], 1);
            _clock.Advance(RestartBackoff.Cap);
            arbiter.Tick();
        }

        Assert.True(arbiter.Finished);
        Assert.Equal(3, arbiter.ExitCode);
        Assert.Equal("Worker failed to boot.", arbiter.HaltReason);
        Assert.Equal(Arbiter.MaxBootFailures, _spawner.Spawned.Count);
    }

    [Fact]
    public void AnAppThatCannotStartHaltsAtOnceWithExitCodeFour()
    {
        _spawner.FailWith = new HaltException("App failed to load: cannot start /x: no such file.", 4);
        var arbiter = Start("workers = 2");

        Assert.True(arbiter.Finished);
        Assert.Equal(4, arbiter.ExitCode);
        Assert.Equal("App failed to load: cannot start /x: no such file.", arbiter.HaltReason);
    }

    [Fact]
    public void QuickRepeatedDeathsBackOff()
    {
        var arbiter = Start("workers = 1");
        MarkReady(_spawner.Spawned[0], arbiter);

        ExitAndReap(arbiter, _spawner.Spawned[^1], 1);
        arbiter.Tick();
        Assert.Single(_spawner.Spawned);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        arbiter.Tick();
        Assert.Equal(2, _spawner.Spawned.Count);

        MarkReady(_spawner.Spawned[^1], arbiter);
        ExitAndReap(arbiter, _spawner.Spawned[^1], 1);
        _clock.Advance(TimeSpan.FromMilliseconds(199));
        arbiter.Tick();
        Assert.Equal(2, _spawner.Spawned.Count);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        arbiter.Tick();
        Assert.Equal(3, _spawner.Spawned.Count);
        Assert.Contains(_log.Messages, m => m.StartsWith("Workers are dying quickly", StringComparison.Ordinal));
    }

    [Fact]
    public void AStableSiblingDoesNotCancelTheBackoffOfAWorkerThatKeepsDying()
    {
        var arbiter = Start("workers = 2\ntimeout = 0");
        _spawner.Spawned.ForEach(w => MarkReady(w, arbiter));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var stable = _spawner.Spawned[0];
        ExitAndReap(arbiter, _spawner.Spawned[1], 1); // lived five minutes: not a quick death
        arbiter.Tick();

        for (var death = 1; death <= 4; death++)
        {
            var crashing = _spawner.Alive.First(w => w != stable);
            MarkReady(crashing, arbiter);
            ExitAndReap(arbiter, crashing, 1);
            var delay = RestartBackoff.First * Math.Pow(2, death - 1);
            _clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            arbiter.Tick();
            Assert.Single(_spawner.Alive);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            arbiter.Tick();
            Assert.Equal(2, _spawner.Alive.Count());
        }
    }

    [Fact]
    public void AnExceptionInOnePassIsLoggedAndTheLoopGoesOn()
    {
        _spawner.FailWith = new InvalidOperationException("boom");
        var arbiter = Start("workers = 1");
        _spawner.FailWith = null;

        arbiter.Tick();

        Assert.Contains("Unhandled exception in main loop", _log.Messages);
        Assert.Single(_spawner.Spawned);
        Assert.False(arbiter.Finished);
    }
}
