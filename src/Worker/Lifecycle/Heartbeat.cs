using Microsoft.Extensions.Logging;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// Writes the slot's heartbeat and checks the master on a thread-pool timer, on purpose: a starved
/// thread pool then shows up to the master as a missing heartbeat.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    /// <summary>Four beats a second: the master's timeout is whole seconds, and a beat costs one store.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SlotWriter _slot;
    private readonly MasterWatch _master;
    private readonly ILogger _logger;
    private readonly Action _onMasterGone;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Heartbeat(SlotWriter slot, MasterWatch master, ILogger logger, Action onMasterGone)
    {
        _slot = slot;
        _master = master;
        _logger = logger;
        _onMasterGone = onMasterGone;
    }

    public void Start() => _loop ??= Task.Run(RunAsync);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Beat();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Disposed: the host is gone.
        }
    }

    private void Beat()
    {
        try
        {
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
