using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Requests;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker;

/// <summary>
/// Replaces the Generic Host's console lifetime in a supervised worker. The console lifetime treats
/// INT, QUIT and TERM alike as a graceful stop; replacing it (rather than registering next to it)
/// leaves the worker's own handlers as the only ones.
/// </summary>
internal sealed class WorkerLifetime : IHostLifetime, IDisposable
{
    public const string LoggerCategory = "Supervisor.Worker";

    private readonly WorkerContract _contract;
    private readonly SlotWriter _slot;
    private readonly WorkerDrain _drain;
    private readonly MasterWatch _master;
    private readonly LogReopenSignal _reopenLogs;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly InFlightRequests _inFlight;
    private WorkerSignals? _signals;
    private Heartbeat? _heartbeat;
    private BootGarbage? _bootGarbage;

    public WorkerLifetime(
        WorkerContract contract,
        SlotWriter slot,
        WorkerDrain drain,
        MasterWatch master,
        LogReopenSignal reopenLogs,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory,
        InFlightRequests inFlight)
    {
        _inFlight = inFlight;
        _contract = contract;
        _slot = slot;
        _drain = drain;
        _master = master;
        _reopenLogs = reopenLogs;
        _lifetime = lifetime;
        _logger = loggerFactory.CreateLogger(LoggerCategory);
    }

    /// <summary>Runs first when the host starts, before any hosted service or Kestrel.</summary>
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        WorkerLog.Booting(_logger, Environment.ProcessId, _contract.Slot, _contract.Generation);
        _signals = new WorkerSignals(_drain, _reopenLogs, _logger);
        _heartbeat = new Heartbeat(_slot, _master, _logger, static () => Environment.Exit(ExitCodes.Ok), _inFlight.PublishOldest);
        _heartbeat.Start();

        _lifetime.ApplicationStarted.Register(() =>
        {
            // A drain that began during boot keeps its state: READY must not hide it.
            if (_slot.TryAdvance(WorkerState.Booting, WorkerState.Ready))
            {
                WorkerLog.Ready(_logger, Environment.ProcessId, _contract.Slot);
            }

            _bootGarbage = new BootGarbage(TimeProvider.System, () => _inFlight.Oldest is null, BootGarbage.Collect);
        });

        // The app itself may stop the host; that still goes through the drain (Connection: close).
        _lifetime.ApplicationStopping.Register(() => _drain.Begin(WorkerState.Stopping));
        _lifetime.ApplicationStopped.Register(() => WorkerLog.Exiting(_logger, Environment.ProcessId));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _signals?.Dispose();
        _heartbeat?.Dispose();
        _bootGarbage?.Dispose();
    }
}
