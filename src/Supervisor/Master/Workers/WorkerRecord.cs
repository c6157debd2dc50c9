using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>The master's own bookkeeping for one worker; only the arbiter's loop touches it.</summary>
internal sealed class WorkerRecord
{
    public WorkerRecord(IWorkerProcess process, WorkerSpec spec, long spawnedAtMs)
    {
        Process = process;
        Spec = spec;
        SpawnedAtMs = spawnedAtMs;
    }

    public IWorkerProcess Process { get; }

    public WorkerSpec Spec { get; }

    public int Pid => Process.Pid;

    public int Slot => Spec.Slot;

    public long SpawnedAtMs { get; }

    /// <summary>The worker reported READY at least once.</summary>
    public bool WasReady { get; set; }

    /// <summary>The worker is on its way out (quota reached, told to stop, or killed): it no longer counts as capacity.</summary>
    public bool Leaving => Retiring || StopSent || Killed;

    /// <summary>
    /// Set when the worker passed its memory limit or lifetime: it keeps serving until its replacement is READY,
    /// then drains, as an old generation does on reload.
    /// </summary>
    public RestartReason? Recycling { get; set; }

    /// <summary>The worker reached its quota and is draining; its replacement is already wanted.</summary>
    public bool Retiring { get; set; }

    /// <summary>
    /// Notes what its slot says: when the slot is its own and says RETIRING, the worker reached its quota. True only
    /// the first time, when the master counts the quota restart, whether it learns it on a pass or at the reaping.
    /// </summary>
    public bool NoteRetiring(SlotSnapshot slot)
    {
        if (slot.Pid != Pid || slot.State != WorkerState.Retiring || Retiring)
        {
            return false;
        }

        Retiring = true;
        return true;
    }

    /// <summary>USR1 came while the worker was booting; it is forwarded once the worker is READY.</summary>
    public bool ReopenPending { get; set; }

    /// <summary>The master sent TERM or QUIT.</summary>
    public bool StopSent { get; set; }

    /// <summary>Past the timeout with timeout_dump on: its stacks are being read; SIGKILL follows by this time.</summary>
    public long? KillAtMs { get; set; }

    /// <summary>The master killed it for writing nonsense to its scoreboard slot.</summary>
    public bool SlotDamaged { get; set; }

    /// <summary>The master sent SIGKILL (timeout, or graceful stop ran out), or is about to after a stack dump.</summary>
    public bool Killed { get; set; }

    /// <summary>Start (ms) of the last of its requests logged as slow: each request is logged once.</summary>
    public long SlowLoggedStart { get; set; }
}
