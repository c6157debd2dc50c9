using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

public sealed class ArbiterTests : ArbiterHarness
{
    private Arbiter Start(string settings = "") => Create("bind = \"127.0.0.1:3\"\n" + settings);

    [Fact]
    public void SpawnsTheConfiguredNumberOfWorkers()
    {
        Start("workers = 3");

        Assert.Equal(3, Spawner.Spawned.Count);
        Assert.Equal([0, 1, 2], Spawner.Spawned.Select(p => p.Spec.Slot));
        Assert.Equal(3, Log.Messages.Count(m => m.StartsWith("Booting worker with pid: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void CountsEveryWorkerProcessUntilItIsReapedDrainingOnesToo()
    {
        var arbiter = Start("workers = 2");
        Assert.Equal(2, Host.WorkerCounts[^1]);

        Signal(arbiter, Libc.SIGTTOU);
        Assert.Equal(2, Host.WorkerCounts[^1]);

        DrainStopped(arbiter);
        Assert.Equal(1, Host.WorkerCounts[^1]);
    }

    [Fact]
    public void GivesEachWorkerAJitteredQuota()
    {
        Start("workers = 20\nmax_requests = 100\nmax_requests_jitter = 10");

        Assert.All(Spawner.Spawned, p => Assert.InRange(p.Spec.Quota, 90, 110));
        Assert.True(Spawner.Spawned.Select(p => p.Spec.Quota).Distinct().Count() > 3);
    }

    [Fact]
    public void ReplacesAWorkerThatDied()
    {
        var arbiter = Start("workers = 2");
        var victim = Spawner.Spawned[0];
        MarkReady(victim, arbiter);

        ExitAndReap(arbiter, victim, 128 + Libc.SIGKILL);
        Clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();

        Assert.Equal(2, Spawner.Alive.Count());
        Assert.Contains($"Worker (pid:{victim.Pid}) was sent SIGKILL! Perhaps out of memory?", Log.Messages);
        Assert.Equal(victim.Spec.Slot, Spawner.Spawned[^1].Spec.Slot);
    }

    [Fact]
    public void SaysHowManyRequestsAWorkerTookWithItWhenItDied()
    {
        var arbiter = Start("workers = 2");
        var victim = Spawner.Spawned[0];
        var calm = Spawner.Spawned[1];
        MarkReady(victim, arbiter);
        MarkReady(calm, arbiter);
        Slots.Set(victim, WorkerState.Ready, Clock.NowMs, oldestStart: Clock.NowMs, line: "GET /slow", inFlight: 3, connections: 5);

        ExitAndReap(arbiter, victim, 128 + Libc.SIGKILL);
        ExitAndReap(arbiter, calm, 128 + 11); // SIGSEGV, with nothing in flight

        Assert.Contains(
            $"Worker (pid:{victim.Pid}) died with 3 request(s) in flight and 5 connection(s) open; clients waiting on those connections got no response.",
            Log.Messages);
        Assert.DoesNotContain(Log.Messages, m => m.StartsWith($"Worker (pid:{calm.Pid}) died with", StringComparison.Ordinal));
    }

    [Fact]
    public void StartsTheReplacementOfARetiringWorkerBeforeItLeaves()
    {
        var arbiter = Start("workers = 2\nmax_requests = 10");
        var retiring = Spawner.Spawned[0];
        MarkReady(retiring, arbiter);

        Slots.Set(retiring, WorkerState.Retiring, Clock.NowMs);
        arbiter.Tick();

        Assert.Equal(3, Spawner.Alive.Count());
        Assert.Empty(retiring.Signals);
        ExitAndReap(arbiter, retiring, 0);
        arbiter.Tick();
        Assert.Equal(2, Spawner.Alive.Count());
        Assert.Contains($"Worker exiting (pid: {retiring.Pid})", Log.Messages);
        Assert.DoesNotContain(Log.Messages, m => m.Contains("dying quickly", StringComparison.Ordinal));
    }

    [Fact]
    public void AWakeFromAWorkerRunsThePassThatStartsItsReplacement()
    {
        var arbiter = Start("workers = 2\nmax_requests = 10");
        var retiring = Spawner.Spawned[0];
        MarkReady(retiring, arbiter);
        Slots.Set(retiring, WorkerState.Retiring, Clock.NowMs);

        arbiter.Post(new ArbiterEvent.WorkerNudged());
        arbiter.Tick();

        Assert.Equal(3, Spawner.Alive.Count());
        Assert.DoesNotContain(MasterMessages.UnhandledException, Log.Messages);
    }

    [Fact]
    public void AWorkerThatRetiredBetweenTwoPassesIsANormalExit()
    {
        var arbiter = Start("workers = 1\nmax_requests = 10");
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);
        Slots.Set(worker, WorkerState.Retiring, Clock.NowMs);

        ExitAndReap(arbiter, worker, 0);

        Assert.Contains($"Worker exiting (pid: {worker.Pid})", Log.Messages);
        Assert.Equal(2, Spawner.Spawned.Count);
    }

    [Fact]
    public void KillsAWorkerHoldingARequestPastTheTimeoutAndSaysWhichRequest()
    {
        var arbiter = Start("workers = 1\ntimeout = 30");
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);

        Slots.Set(worker, WorkerState.Ready, Clock.NowMs + 31_000, oldestStart: Clock.NowMs, line: "GET /api/sleep", client: "127.0.0.1");
        Clock.Advance(TimeSpan.FromMilliseconds(31_200));
        arbiter.Tick();

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        var line = Assert.Single(Log.Events, e => e.Level == Serilog.Events.LogEventLevel.Fatal);
        Assert.Equal($"WORKER TIMEOUT (pid:{worker.Pid}) GET /api/sleep running 31.2s from 127.0.0.1", CollectingSink.Render(line));
        Assert.Equal(2, Spawner.Spawned.Count);
    }

    [Fact]
    public void WithTimeoutDumpTheStacksAreLoggedBeforeTheKill()
    {
        Host.StackReport = "Thread 12 (request GET /api/debug/hang):\n   at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)";
        var arbiter = Start("workers = 1\ntimeout = 30\ntimeout_dump = true");
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);

        Clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();
        Assert.Empty(worker.Signals);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (worker.Signals.Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            arbiter.Tick();
        }

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        Assert.Equal([worker.Pid], Host.Dumped);
        var report = Assert.Single(Log.Messages, m => m.StartsWith($"Stacks of worker (pid:{worker.Pid})", StringComparison.Ordinal));
        Assert.EndsWith("at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ADumpThatDoesNotReturnCannotKeepTheWorkerAlive()
    {
        Host.DumpDelay = TimeSpan.FromSeconds(3);
        var arbiter = Start("workers = 1\ntimeout = 30\ntimeout_dump = true");
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);
        Clock.Advance(TimeSpan.FromSeconds(31));
        arbiter.Tick();

        Clock.Advance(TimeSpan.FromSeconds(7));
        arbiter.Tick();

        Assert.Equal([Libc.SIGKILL], worker.Signals);
    }

    [Fact]
    public void TermDrainsThenKillsWhatIsLeftAfterTheGracefulTimeout()
    {
        var arbiter = Start("workers = 2\ngraceful_timeout = 10");
        Spawner.Spawned.ForEach(w => MarkReady(w, arbiter));

        arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGTERM));
        arbiter.Tick();
        Assert.All(Spawner.Spawned, w => Assert.Equal([Libc.SIGTERM], w.Signals));
        ExitAndReap(arbiter, Spawner.Spawned[0], 0);

        Clock.Advance(TimeSpan.FromSeconds(9));
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM], Spawner.Spawned[1].Signals);
        Clock.Advance(TimeSpan.FromSeconds(1));
        arbiter.Tick();
        Assert.Equal([Libc.SIGTERM, Libc.SIGKILL], Spawner.Spawned[1].Signals);
        Assert.False(arbiter.Finished);

        ExitAndReap(arbiter, Spawner.Spawned[1], 128 + Libc.SIGKILL);
        arbiter.Tick();
        Assert.True(arbiter.Finished);
        Assert.Equal(0, arbiter.ExitCode);
        Assert.Equal(2, Spawner.Spawned.Count);
    }

    [Theory]
    [InlineData(Libc.SIGINT)]
    [InlineData(Libc.SIGQUIT)]
    public void IntAndQuitTellWorkersToExitAtOnce(int signal)
    {
        var arbiter = Start("workers = 2");

        arbiter.Post(new ArbiterEvent.SignalReceived(signal));
        arbiter.Tick();

        Assert.All(Spawner.Spawned, w => Assert.Equal([Libc.SIGQUIT], w.Signals));
    }

    [Fact]
    public void RepeatedBootFailuresHaltWithExitCodeThree()
    {
        var arbiter = Start("workers = 1");
        for (var i = 0; i < Arbiter.MaxBootFailures && !arbiter.Finished; i++)
        {
            ExitAndReap(arbiter, Spawner.Spawned[^1], 1);
            Clock.Advance(RestartBackoff.Cap);
            arbiter.Tick();
        }

        Assert.True(arbiter.Finished);
        Assert.Equal(3, arbiter.ExitCode);
        Assert.Equal("Worker failed to boot.", arbiter.HaltReason);
        Assert.Equal(Arbiter.MaxBootFailures, Spawner.Spawned.Count);
    }

    [Fact]
    public void AnAppThatCannotStartHaltsAtOnceWithExitCodeFour()
    {
        Spawner.FailWith = new HaltException("App failed to load: cannot start /x: no such file.", 4);
        var arbiter = Start("workers = 2");

        Assert.True(arbiter.Finished);
        Assert.Equal(4, arbiter.ExitCode);
        Assert.Equal("App failed to load: cannot start /x: no such file.", arbiter.HaltReason);
    }

    [Fact]
    public void QuickRepeatedDeathsBackOff()
    {
        var arbiter = Start("workers = 1");
        MarkReady(Spawner.Spawned[0], arbiter);

        ExitAndReap(arbiter, Spawner.Spawned[^1], 1);
        arbiter.Tick();
        Assert.Single(Spawner.Spawned);
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        arbiter.Tick();
        Assert.Equal(2, Spawner.Spawned.Count);

        MarkReady(Spawner.Spawned[^1], arbiter);
        ExitAndReap(arbiter, Spawner.Spawned[^1], 1);
        Clock.Advance(TimeSpan.FromMilliseconds(199));
        arbiter.Tick();
        Assert.Equal(2, Spawner.Spawned.Count);
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        arbiter.Tick();
        Assert.Equal(3, Spawner.Spawned.Count);
        Assert.Contains(Log.Messages, m => m.StartsWith("Workers are dying quickly", StringComparison.Ordinal));
    }

    [Fact]
    public void AStableSiblingDoesNotCancelTheBackoffOfAWorkerThatKeepsDying()
    {
        var arbiter = Start("workers = 2\ntimeout = 0");
        Spawner.Spawned.ForEach(w => MarkReady(w, arbiter));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var stable = Spawner.Spawned[0];
        ExitAndReap(arbiter, Spawner.Spawned[1], 1); // lived five minutes: not a quick death
        arbiter.Tick();

        for (var death = 1; death <= 4; death++)
        {
            var crashing = Spawner.Alive.First(w => w != stable);
            MarkReady(crashing, arbiter);
            ExitAndReap(arbiter, crashing, 1);
            var delay = RestartBackoff.First * Math.Pow(2, death - 1);
            Clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            arbiter.Tick();
            Assert.Single(Spawner.Alive);
            Clock.Advance(TimeSpan.FromMilliseconds(1));
            arbiter.Tick();
            Assert.Equal(2, Spawner.Alive.Count());
        }
    }

    [Fact]
    public void AnExceptionInOnePassIsLoggedAndTheLoopGoesOn()
    {
        Spawner.FailWith = new InvalidOperationException("boom");
        var arbiter = Start("workers = 1");
        Spawner.FailWith = null;

        arbiter.Tick();

        Assert.Contains("Unhandled exception in main loop", Log.Messages);
        Assert.Single(Spawner.Spawned);
        Assert.False(arbiter.Finished);
    }
}
