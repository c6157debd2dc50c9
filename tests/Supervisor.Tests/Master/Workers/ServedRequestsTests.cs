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
        Assert.Equal(12, _served.Observe([Slot(0, 10, 5), Slot(1, 11, 7), Slot(2, 0, 0)]).Served);

    [Fact]
    public void KeepsAnExitedWorkersCountWhenItsSlotIsClaimedAgain()
    {
        _served.Observe([Slot(0, 10, 5), Slot(1, 11, 7)]);

        Assert.Equal(5 + 7 + 2, _served.Observe([Slot(0, 12, 2), Slot(1, 11, 7)]).Served);
        Assert.Equal(5 + 9 + 3, _served.Observe([Slot(0, 12, 3), Slot(1, 11, 9)]).Served);
    }

    [Fact]
    public void NeverGoesDownWhileASlotIsBeingClaimed()
    {
        _served.Observe([Slot(0, 10, 5)]);

        // Claim zeroes the counters before it writes the new pid.
        Assert.Equal(5, _served.Observe([Slot(0, 10, 0)]).Served);
        Assert.Equal(5, _served.Observe([Slot(0, 0, 0)]).Served);
        Assert.Equal(5 + 1, _served.Observe([Slot(0, 12, 1)]).Served);
    }

    private static RequestTally Tally(long ok, long serverErrors, long fastest, long slowest, long sumMicros)
    {
        var values = new long[RequestTally.Length];
        values[1] = ok;
        values[4] = serverErrors;
        values[RequestTally.StatusClasses] = fastest;
        values[RequestTally.StatusClasses + DurationBuckets.Count - 1] = slowest;
        values[^1] = sumMicros;
        return new RequestTally(values);
    }

    private static (int, SlotSnapshot) Slot(int slot, int pid, RequestTally tally) =>
        (slot, new SlotSnapshot(WorkerState.Ready, pid, 1, 0, tally.Count, 0, 0, "", "", true, Requests: tally));

    [Fact]
    public void AddsUpEveryWorkersStatusClassesAndDurations()
    {
        var totals = _served.Observe([Slot(0, 10, Tally(3, 1, 4, 0, 9_000)), Slot(1, 11, Tally(2, 0, 1, 1, 61_000_000))]);

        Assert.Equal(Tally(5, 1, 5, 1, 61_009_000), totals.Requests);
    }

    [Fact]
    public void KeepsAnExitedWorkersTallyWhenItsSlotIsClaimedAgainAndNeverLowersIt()
    {
        _served.Observe([Slot(0, 10, Tally(3, 1, 4, 0, 9_000))]);

        // Its last word was lower than what was seen (a forged or raced slot): what was seen stays.
        _served.Observe([Slot(0, 10, Tally(1, 0, 1, 0, 10))]);
        var totals = _served.Observe([Slot(0, 12, Tally(1, 0, 1, 0, 2_000))]);

        Assert.Equal(Tally(4, 1, 5, 0, 11_000), totals.Requests);
    }
}
