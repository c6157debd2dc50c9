using Supervisor.Master.Workers;
using Supervisor.Tests.Master;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master.Workers;

public sealed class WorkerRecordTests
{
    private static readonly FakeWorkerProcess Process = new(42, new WorkerSpec(0, 1, 10, null!, []));

    private static SlotSnapshot Slot(WorkerState state, int pid = 42) => new(state, pid, 1, 0, 10, 0, 0, "", "", true);

    [Fact]
    public void ItsOwnSlotSayingRetiringIsNotedOnce()
    {
        var worker = new WorkerRecord(Process, Process.Spec, 0);

        Assert.Equal([true, false], [worker.NoteRetiring(Slot(WorkerState.Retiring)), worker.NoteRetiring(Slot(WorkerState.Retiring))]);
        Assert.True(worker.Retiring);
    }

    [Theory]
    [InlineData("Ready", 42)]
    [InlineData("Stopping", 42)]
    [InlineData("Retiring", 43)]
    public void AnotherStateOrAnotherPidsSlotIsNoRetirement(string state, int pid)
    {
        var worker = new WorkerRecord(Process, Process.Spec, 0);

        Assert.False(worker.NoteRetiring(Slot(Enum.Parse<WorkerState>(state), pid)));
        Assert.False(worker.Retiring);
    }
}
