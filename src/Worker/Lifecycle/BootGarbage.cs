namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// What boot allocated (configuration, the service graph, the endpoint tables) is garbage once the worker is
/// READY. One aggressive, compacting collection hands those pages back to the system, about 2 MiB of RSS per
/// idle worker. It runs <see cref="Delay"/> after READY rather than at once: a worker recycled by a small
/// max_requests quota exits before then and never pays for it, while one that stays gives the memory back.
/// </summary>
internal sealed class BootGarbage : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private readonly ITimer _timer;

    /// <param name="collect">The collection; runs once, on a timer thread, unless disposed first.</param>
    public BootGarbage(TimeProvider time, Action collect)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(collect);
        _timer = time.CreateTimer(_ => collect(), null, Delay, Timeout.InfiniteTimeSpan);
    }

    public static void Collect() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void Dispose() => _timer.Dispose();
}
