using System.Globalization;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// Whether a worker's slot says something its worker could not honestly have written: its file damaged, another
/// process's pid, another generation, a time still to come. Such a worker is killed and replaced; what it wrote
/// is never acted on.
/// </summary>
internal static class SlotTrust
{
    // The worker and the master read the same monotonic clock; a second covers any skew in reading it.
    private const long ClockSlackMs = 1000;

    /// <returns>What is wrong, for the log; null when the slot is plausible.</returns>
    public static string? Problem(WorkerRecord worker, SlotSnapshot slot, long nowMs)
    {
        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        if (slot.Damage is { } damage)
        {
            return damage;
        }

        // A fresh file is all zeros until the worker claims it; Claim writes the pid before the generation.
        if (slot.Pid != 0 && slot.Pid != worker.Pid)
        {
            return $"it claims pid {N(slot.Pid)}";
        }

        if (slot.Pid == worker.Pid && slot.Generation != 0 && slot.Generation != worker.Spec.Generation)
        {
            return $"it claims generation {N(slot.Generation)}, but was started in generation {N(worker.Spec.Generation)}";
        }

        if (slot.Heartbeat > nowMs + ClockSlackMs || slot.OldestStart > nowMs + ClockSlackMs)
        {
            // A time still to come would keep a hung worker or a stuck request from ever timing out.
            return $"its heartbeat ({N(slot.Heartbeat)} ms) or oldest request ({N(slot.OldestStart)} ms) is later than now ({N(nowMs)} ms)";
        }

        return null;
    }
}
