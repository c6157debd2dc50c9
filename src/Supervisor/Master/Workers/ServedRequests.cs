using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// Totals of requests served, by status class and by duration, that never go down, as Prometheus counters must,
/// although each worker's own counts leave with the worker. A slot keeps its last worker's counts after that worker
/// exits, until a new worker claims the slot; the counts are added to the totals when the slot changes hands.
/// Scrapes observe every slot, and the arbiter observes a worker's slot when it reaps the worker (its final counts,
/// before any new worker can claim the slot), so no worker's last requests are lost between two scrapes.
/// </summary>
internal sealed class ServedRequests
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (int Pid, long Served, RequestTally Tally)> _bySlot = [];
    private long _fromPreviousWorkers;
    private RequestTally _tallyOfPreviousWorkers;

    /// <summary>Notes what every slot shows now and returns the totals; thread-safe.</summary>
    public RequestTotals Observe(IEnumerable<(int Slot, SlotSnapshot Snapshot)> slots)
    {
        lock (_lock)
        {
            foreach (var (slot, snapshot) in slots)
            {
                var seen = _bySlot.GetValueOrDefault(slot);
                if (seen.Pid != snapshot.Pid)
                {
                    _fromPreviousWorkers += seen.Served;
                    _tallyOfPreviousWorkers = _tallyOfPreviousWorkers.Plus(seen.Tally);
                    seen = (snapshot.Pid, 0, default);
                }

                // Claim resets the counts before it writes the new pid: a read in between shows the old pid at 0.
                // Each count is the largest seen, so a worker that lowers its own cannot lower a total.
                var claimed = snapshot.Pid != 0;
                _bySlot[slot] = (seen.Pid, Math.Max(seen.Served, claimed ? snapshot.RequestsServed : 0),
                    claimed ? seen.Tally.Max(snapshot.Requests) : seen.Tally);
            }

            var tally = _tallyOfPreviousWorkers;
            foreach (var current in _bySlot.Values)
            {
                tally = tally.Plus(current.Tally);
            }

            return new RequestTotals(_fromPreviousWorkers + _bySlot.Values.Sum(s => s.Served), tally);
        }
    }
}
