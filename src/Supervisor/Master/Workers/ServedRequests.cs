using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// A total of requests served that never goes down, as a Prometheus counter must, although each worker's own
/// count leaves with the worker. A slot keeps its last worker's count after that worker exits, until a new
/// worker claims the slot; the count is added to the total when the slot changes hands. Scrapes observe every
/// slot, and the arbiter observes a worker's slot when it reaps the worker (its final count, before any new
/// worker can claim the slot), so no worker's last requests are lost between two scrapes.
/// </summary>
internal sealed class ServedRequests
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (int Pid, long Served)> _bySlot = [];
    private long _fromPreviousWorkers;

    /// <summary>Notes what every slot shows now and returns the total; thread-safe.</summary>
    public long Observe(IEnumerable<(int Slot, SlotSnapshot Snapshot)> slots)
    {
        lock (_lock)
        {
            foreach (var (slot, snapshot) in slots)
            {
                var seen = _bySlot.GetValueOrDefault(slot);
                if (seen.Pid != snapshot.Pid)
                {
                    _fromPreviousWorkers += seen.Served;
                    seen = (snapshot.Pid, 0);
                }

                // Claim resets the count before it writes the new pid: a read in between shows the old pid at 0.
                _bySlot[slot] = (seen.Pid, Math.Max(seen.Served, snapshot.Pid == 0 ? 0 : snapshot.RequestsServed));
            }

            return _fromPreviousWorkers + _bySlot.Values.Sum(s => s.Served);
        }
    }
}
