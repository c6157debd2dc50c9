using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Master.Workers;

namespace Supervisor.Master;

/// <summary>
/// Decides, from the workers that count as capacity, how many of the current generation to start and which
/// workers to tell to stop. Pure, so every case of a roll is unit-tested.
/// </summary>
internal static class WorkerPlan
{
    /// <param name="active">Workers not already leaving, oldest first.</param>
    /// <param name="processes">Every live worker process, leaving ones included.</param>
    public static (int Spawn, List<WorkerRecord> Stop) Decide(
        IReadOnlyList<WorkerRecord> active, int processes, long generation, int wanted, ReloadStrategy strategy)
    {
        // A worker being recycled (memory, lifetime) is outgoing, like one of an older generation.
        var current = active.Where(w => w.Spec.Generation == generation && w.Recycling is null).ToList();
        var old = active.Where(w => w.Spec.Generation != generation || w.Recycling is not null).ToList();

        // New workers first; "rolling" keeps to one process above the wanted count while old ones remain.
        var spawn = Math.Max(0, wanted - current.Count);
        if (strategy == ReloadStrategy.Rolling && old.Count > 0)
        {
            spawn = Math.Min(spawn, Math.Max(0, wanted + 1 - processes));
        }

        // An outgoing worker that never became READY serves nobody and never will (a newer reload overtook its
        // generation): it goes at once.
        var stop = old.Where(w => !w.WasReady).ToList();

        // A READY outgoing worker is told to drain only once a new one is READY to take its place.
        var readyOld = old.Where(w => w.WasReady).ToList();
        var keepOld = Math.Max(0, wanted - current.Count(w => w.WasReady));
        stop.AddRange(readyOld.Take(Math.Max(0, readyOld.Count - keepOld)));

        // More of the current generation than wanted (TTOU, WINCH): those still booting go first, then the oldest.
        var surplus = Math.Max(0, current.Count - wanted);
        stop.AddRange(current.Where(w => !w.WasReady).Reverse().Concat(current.Where(w => w.WasReady)).Take(surplus));
        return (spawn, stop);
    }
}
