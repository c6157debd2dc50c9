namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// What boot allocated (configuration, the service graph, the endpoint tables) is garbage once the worker is
/// READY. One aggressive, compacting collection hands those pages back to the system, about 2 MiB of RSS per
/// idle worker. It waits <see cref="Delay"/> after READY, so a worker recycled by a small max_requests quota exits
/// before then and never pays for it; and it runs only while no request is in flight, so the pause of a blocking
/// collection never lands on a request: a busy worker tries again after each delay, up to <see cref="Attempts"/>
/// times, and then keeps its garbage for the ordinary collections.
/// </summary>
internal sealed class BootGarbage : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public const int Attempts = 30;

    private readonly ITimer _timer;
    private readonly Func<bool> _idle;
    private readonly Action _collect;
    private int _attempts;

    /// <param name="idle">Whether no request is in flight now.</param>
    /// <param name="collect">The collection; runs at most once, on a timer thread, unless disposed first.</param>
    public BootGarbage(TimeProvider time, Func<bool> idle, Action collect)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(idle);
        ArgumentNullException.ThrowIfNull(collect);
        _idle = idle;
        _collect = collect;
        _timer = time.CreateTimer(static state => ((BootGarbage)state!).Fire(), this, Delay, Timeout.InfiniteTimeSpan);
    }

    public static void Collect() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        if (_idle())
        {
            _collect();
        }
        else if (++_attempts < Attempts)
        {
            _timer.Change(Delay, Timeout.InfiniteTimeSpan);
        }
    }
}
