using Supervisor.Master.Workers;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master.Workers;

public sealed class ServedRequestsTests
{
    private readonly ServedRequests _served = new();

    private static (int, SlotSnapshot) Slot(int slot, int pid, long served) =>
        (slot, new SlotSnapshot(pid == 0 ? WorkerState.Empty : WorkerState.Ready, pid, 1, 0, served, 0, 0, "", "", true));

    [Fact]
    public void AddsUpEveryWorker() =>
        Assert.Equal(12, _served.Observe([Slot(0, 10, 5), Slot(1, 11, 7), Slot(2, 0, 0)]));

    [Fact]
    public void KeepsAnExitedWorkersCountWhenItsSlotIsClaimedAgain()
    {
        _served.Observe([Slot(0, 10, 5), Slot(1, 11, 7)]);

        Assert.Equal(5 + 7 + 2, _served.Observe([Slot(0, 12, 2), Slot(1, 11, 7)]));
        Assert.Equal(5 + 9 + 3, _served.Observe([Slot(0, 12, 3), Slot(1, 11, 9)]));
    }

    [Fact]
    public void NeverGoesDownWhileASlotIsBeingClaimed()
    {
        _served.Observe([Slot(0, 10, 5)]);

        // Claim zeroes the counters before it writes the new pid.
        Assert.Equal(5, _served.Observe([Slot(0, 10, 0)]));
        Assert.Equal(5, _served.Observe([Slot(0, 0, 0)]));
        Assert.Equal(5 + 1, _served.Observe([Slot(0, 12, 1)]));
    }
}
