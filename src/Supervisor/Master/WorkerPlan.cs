using Supervisor.Configuration;

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

        // An old worker is told to drain only once a new one is READY to take its place.
        var readyCurrent = current.Count(w => w.WasReady);
        var keepOld = Math.Max(0, wanted - readyCurrent);
        var stop = old.Take(Math.Max(0, old.Count - keepOld)).ToList();

        // More of the current generation than wanted (TTOU, WINCH): the oldest go.
        stop.AddRange(current.Take(Math.Max(0, current.Count - wanted)));
        return (spawn, stop);
    }
}
