using Supervisor.Master.Workers;

namespace Supervisor.Master;

/// <summary>
/// Counters the arbiter keeps for whoever reports on the master (metrics, health): written on the arbiter's
/// thread, read from any thread.
/// </summary>
internal sealed class ArbiterStats
{
    private readonly long[] _restarts = new long[Enum.GetValues<RestartReason>().Length];
    private int _draining;
    private int _wantedWorkers;

    public ArbiterStats(DateTimeOffset startedAt)
    {
        StartedAt = startedAt;
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Requests served by every worker since the master started, gone ones included.</summary>
    public ServedRequests Served { get; } = new();

    /// <summary>True once a stop has begun: the master no longer wants traffic.</summary>
    public bool Draining => Volatile.Read(ref _draining) != 0;

    public int WantedWorkers => Volatile.Read(ref _wantedWorkers);

    public long Restarts(RestartReason reason) => Interlocked.Read(ref _restarts[(int)reason]);

    internal void CountRestart(RestartReason reason) => Interlocked.Increment(ref _restarts[(int)reason]);

    internal void MarkDraining() => Volatile.Write(ref _draining, 1);

    internal void SetWantedWorkers(int count) => Volatile.Write(ref _wantedWorkers, count);
}
