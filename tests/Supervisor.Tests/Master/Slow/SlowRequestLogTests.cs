using Supervisor.Master;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master.Slow;

/// <summary>slow_request_timeout through the arbiter: the slot of a worker whose request runs long, and the log.</summary>
public sealed class SlowRequestLogTests : ArbiterHarness
{
    private Arbiter Start(string settings) => Create("bind = \"127.0.0.1:3\"\nworkers = 1\ntimeout = 30\n" + settings);

    private FakeWorkerProcess Slow(Arbiter arbiter, string line = "GET /api/report?year=2026&token=s3cr3t", long? start = null)
    {
        var worker = Spawner.Spawned[0];
        MarkReady(worker, arbiter);
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs, oldestStart: start ?? Clock.NowMs, line: line, client: "10.0.0.7:51234");
        return worker;
    }

    /// <summary>Ticks until a message starting with <paramref name="prefix"/> is logged (the stacks are read off the loop).</summary>
    private void TickUntilLogged(Arbiter arbiter, string prefix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Log.Messages.Any(m => m.StartsWith(prefix, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            arbiter.Tick();
        }
    }

    [Fact]
    public void ARequestPastTheLimitIsLoggedOnceWithItsStacksAndTheWorkerLives()
    {
        Host.StackReport = "Thread 12:\n   at SampleApp.Reports.Build()";
        var arbiter = Start("slow_request_timeout = 5");
        var worker = Slow(arbiter);

        Clock.Advance(TimeSpan.FromMilliseconds(4_900));
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs, oldestStart: Clock.NowMs - 4_900, line: "GET /api/report?year=2026&token=s3cr3t", client: "10.0.0.7:51234");
        arbiter.Tick();
        Assert.DoesNotContain(Log.Messages, m => m.StartsWith("SLOW REQUEST", StringComparison.Ordinal));

        Clock.Advance(TimeSpan.FromMilliseconds(200));
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs, oldestStart: Clock.NowMs - 5_100, line: "GET /api/report?year=2026&token=s3cr3t", client: "10.0.0.7:51234");
        arbiter.Tick();
        TickUntilLogged(arbiter, $"Stacks of worker (pid:{worker.Pid}) during its slow request:");
        Clock.Advance(TimeSpan.FromSeconds(10));
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs, oldestStart: Clock.NowMs - 15_100, line: "GET /api/report?year=2026&token=s3cr3t", client: "10.0.0.7:51234");
        arbiter.Tick();

        Assert.Equal(
            [$"SLOW REQUEST (pid:{worker.Pid}) GET /api/report?year=2026&token=REDACTED running 5.1s from 10.0.0.7:51234"],
            Log.Messages.Where(m => m.StartsWith("SLOW REQUEST", StringComparison.Ordinal)));
        Assert.Contains($"Stacks of worker (pid:{worker.Pid}) during its slow request:\nThread 12:\n   at SampleApp.Reports.Build()", Log.Messages);
        Assert.Equal([worker.Pid], Host.Dumped);
        Assert.Empty(worker.Signals);
    }

    [Fact]
    public void TheNextSlowRequestOfTheSameWorkerIsLoggedToo()
    {
        var arbiter = Start("slow_request_timeout = 1");
        var worker = Slow(arbiter, "GET /first", start: Clock.NowMs - 2_000);
        arbiter.Tick();
        Slots.Set(worker, WorkerState.Ready, Clock.NowMs, oldestStart: Clock.NowMs - 3_000, line: "GET /second", client: "");
        arbiter.Tick();

        Assert.Equal(
            [$"SLOW REQUEST (pid:{worker.Pid}) GET /first running 2.0s from 10.0.0.7:51234", $"SLOW REQUEST (pid:{worker.Pid}) GET /second running 3.0s"],
            Log.Messages.Where(m => m.StartsWith("SLOW REQUEST", StringComparison.Ordinal)));
    }

    [Fact]
    public void AWorkerWhoseStacksCannotBeReadGetsALineSayingSo()
    {
        Host.StackReport = null;
        var arbiter = Start("slow_request_timeout = 1");
        var worker = Slow(arbiter, start: Clock.NowMs - 2_000);

        arbiter.Tick();
        TickUntilLogged(arbiter, "No stacks");

        Assert.Contains(
            $"No stacks for the slow request of worker (pid:{worker.Pid}): its managed stacks cannot be read (a Native AOT worker has none to read).",
            Log.Messages);
    }

    [Fact]
    public void ZeroTurnsItOff()
    {
        var arbiter = Start("slow_request_timeout = 0");
        Slow(arbiter, start: Clock.NowMs - 25_000);

        arbiter.Tick();

        Assert.DoesNotContain(Log.Messages, m => m.StartsWith("SLOW REQUEST", StringComparison.Ordinal));
        Assert.Empty(Host.Dumped);
    }
}
