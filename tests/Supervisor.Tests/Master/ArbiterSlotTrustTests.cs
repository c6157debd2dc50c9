using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

/// <summary>A worker's slot is untrusted input: what it could not honestly have written costs that worker, never the master.</summary>
public sealed class ArbiterSlotTrustTests : ArbiterHarness
{
    private Arbiter Start() => Create("bind = \"127.0.0.1:3\"\nworkers = 2\ntimeout = 30");

    private static SlotSnapshot Slot(FakeWorkerProcess worker, WorkerState state, long heartbeat, int? pid = null, long? generation = null, long oldest = 0) =>
        new(state, pid ?? worker.Pid, generation ?? worker.Spec.Generation, heartbeat, 0, 0, oldest, "", "", true);

    /// <summary>The first worker writes its slot; the pass runs; the worker is expected to be killed and, once reaped, replaced.</summary>
    private void WriteAndPass(Arbiter arbiter, FakeWorkerProcess worker, SlotSnapshot slot)
    {
        Slots.SetRaw(worker.Spec.Slot, slot);
        arbiter.Tick();
    }

    [Fact]
    public void ASlotClaimingAnotherPidCostsItsWorkerWhichIsKilledAndReplaced()
    {
        var arbiter = Start();
        ReadyAll(arbiter);
        var liar = Spawner.Spawned[0];

        WriteAndPass(arbiter, liar, Slot(liar, WorkerState.Ready, Clock.NowMs, pid: 1));

        Assert.Equal([Libc.SIGKILL], liar.Signals);
        Assert.Contains($"Worker (pid:{liar.Pid}) damaged its scoreboard slot: it claims pid 1; killing it", Log.Messages);
        Assert.Empty(Spawner.Spawned[1].Signals);
        ExitAndReap(arbiter, liar, 128 + Libc.SIGKILL);
        Assert.Contains($"Worker (pid:{liar.Pid}) was killed for damaging its scoreboard slot.", Log.Messages);
        Assert.Equal(2, Spawner.Alive.Count());
        Assert.False(arbiter.Finished);
    }

    [Fact]
    public void ADamagedFileIsNamedInTheLog()
    {
        var arbiter = Start();
        ReadyAll(arbiter);
        var worker = Spawner.Spawned[1];

        WriteAndPass(arbiter, worker, SlotDecoder.Damaged("the file is 0 bytes long; a scoreboard of 1 slot(s) is 576"));

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        Assert.Contains($"Worker (pid:{worker.Pid}) damaged its scoreboard slot: the file is 0 bytes long; a scoreboard of 1 slot(s) is 576; killing it", Log.Messages);
    }

    [Fact]
    public void AHeartbeatFromTheFutureCannotKeepAWorkerFromTimingOut()
    {
        var arbiter = Start();
        ReadyAll(arbiter);
        var worker = Spawner.Spawned[0];

        WriteAndPass(arbiter, worker, Slot(worker, WorkerState.Ready, long.MaxValue / 2));

        Assert.Equal([Libc.SIGKILL], worker.Signals);
        Assert.Contains(Log.Messages, m => m.StartsWith($"Worker (pid:{worker.Pid}) damaged its scoreboard slot: its heartbeat", StringComparison.Ordinal));
    }

    [Fact]
    public void AnotherGenerationIsALie()
    {
        var arbiter = Start();
        ReadyAll(arbiter);
        var worker = Spawner.Spawned[0];

        WriteAndPass(arbiter, worker, Slot(worker, WorkerState.Ready, Clock.NowMs, generation: 99));

        Assert.Contains($"Worker (pid:{worker.Pid}) damaged its scoreboard slot: it claims generation 99, but was started in generation 1; killing it", Log.Messages);
    }

    [Fact]
    public void AFreshSlotAndOneHalfwayThroughItsClaimAreTrusted()
    {
        var arbiter = Start();
        var worker = Spawner.Spawned[0];

        WriteAndPass(arbiter, worker, default);
        WriteAndPass(arbiter, worker, Slot(worker, WorkerState.Booting, 0, pid: 0, generation: 0));
        WriteAndPass(arbiter, worker, Slot(worker, WorkerState.Booting, 0, generation: 0));
        WriteAndPass(arbiter, worker, Slot(worker, WorkerState.Booting, Clock.NowMs));

        Assert.Empty(worker.Signals);
        Assert.DoesNotContain(Log.Messages, m => m.Contains("damaged", StringComparison.Ordinal));
    }
}
