using Microsoft.Extensions.Logging;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// Writes the slot's heartbeat, and what else the slot shows that need not be written per request, and checks the
/// master on a thread-pool timer, on purpose: a starved thread pool then shows up to the master as a missing
/// heartbeat.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    /// <summary>Four beats a second: the master's timeout is whole seconds, and a beat costs one store.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SlotWriter _slot;
    private readonly MasterWatch _master;
    private readonly ILogger _logger;
    private readonly Action _onMasterGone;
    private readonly Action _onBeat;

    // Stopped by disposing it, which ends the wait with false. Cancelling a token instead throws, and a Native AOT
    // worker then resolves the method names of the exception's stack trace on every exit: 8% of all CPU in a
    // max_requests=200 run.
    private readonly PeriodicTimer _timer = new(Interval);
    private Task? _loop;

    /// <param name="onBeat">Runs at every beat, before the heartbeat is written (the in-flight requests' oldest).</param>
    public Heartbeat(SlotWriter slot, MasterWatch master, ILogger logger, Action onMasterGone, Action? onBeat = null)
    {
        _slot = slot;
        _master = master;
        _logger = logger;
        _onMasterGone = onMasterGone;
        _onBeat = onBeat ?? (static () => { });
    }

    /// <summary>The beating loop; it ends when the heartbeat is disposed.</summary>
    internal Task Loop => _loop ?? Task.CompletedTask;

    public void Start() => _loop ??= Task.Run(RunAsync);

    public void Dispose() => _timer.Dispose();

    private async Task RunAsync()
    {
        do
        {
            Beat();
        }
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false));
    }

    private void Beat()
    {
        try
        {
            _onBeat();
            _slot.Heartbeat(Environment.TickCount64);
            if (_master.IsMasterGone())
            {
                WorkerLog.MasterGone(_logger);
                _onMasterGone();
            }
        }
#pragma warning disable CA1031 // One bad beat must not end the heartbeat: the master would kill a healthy worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WorkerLog.HeartbeatFailed(_logger, ex);
        }
    }
}
