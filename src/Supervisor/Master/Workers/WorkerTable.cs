using Supervisor.Platform;

namespace Supervisor.Master.Workers;

/// <summary>The live workers by pid, and which scoreboard slots are free.</summary>
internal sealed class WorkerTable
{
    private readonly Dictionary<int, WorkerRecord> _byPid = [];
    private readonly bool[] _slotTaken;

    public WorkerTable(int slotCount)
    {
        _slotTaken = new bool[slotCount];
    }

    /// <summary>Workers that serve: READY once, and not leaving.</summary>
    public int ReadyCount => _byPid.Values.Count(w => w.WasReady && !w.Leaving);

    public int Count => _byPid.Count;

    public IEnumerable<WorkerRecord> All => _byPid.Values;

    /// <summary>Workers that count as capacity: not retiring, not told to stop, not killed; oldest first.</summary>
    public List<WorkerRecord> Active => _byPid.Values.Where(w => !w.Leaving).OrderBy(w => w.SpawnedAtMs).ThenBy(w => w.Pid).ToList();

    public int? FreeSlot()
    {
        var slot = Array.IndexOf(_slotTaken, false);
        return slot < 0 ? null : slot;
    }

    public void Add(WorkerRecord worker)
    {
        _slotTaken[worker.Slot] = true;
        _byPid.Add(worker.Pid, worker);
    }

    public WorkerRecord? Remove(int pid)
    {
        if (!_byPid.Remove(pid, out var worker))
        {
            return null;
        }

        _slotTaken[worker.Slot] = false;
        return worker;
    }

    /// <summary>
    /// USR1 to a worker that has not registered its handlers yet would kill it (USR1's default action): a booting
    /// worker is told once it is READY.
    /// </summary>
    public void ReopenLogs()
    {
        foreach (var worker in All)
        {
            if (worker.WasReady)
            {
                worker.Process.Signal(Libc.SIGUSR1);
            }
            else
            {
                worker.ReopenPending = true;
            }
        }
    }

    public void ForwardPendingReopens()
    {
        foreach (var worker in All.Where(w => w.WasReady && w.ReopenPending))
        {
            worker.ReopenPending = false;
            worker.Process.Signal(Libc.SIGUSR1);
        }
    }
}
