using Serilog;
using Supervisor.Hooks;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master;

/// <summary>
/// What the master makes of a worker's exit (Gunicorn's reap_workers): the slot's last word, a requested exit or
/// a crash, the requests it cut off, the boot failures in a row, and the death the backoff counts.
/// </summary>
internal sealed class WorkerReaper
{
    private readonly WorkerTable _workers;
    private readonly ISlotReader _slots;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly ArbiterStats _stats;
    private readonly RestartBackoff _backoff;
    private readonly StopDriver _stop;
    private readonly IArbiterHost _host;
    private readonly Action _closeUnusedListeners;
    private readonly Action _tooManyBootFailures;

    public WorkerReaper(WorkerTable workers, ISlotReader slots, ITickClock clock, ILogger log, ArbiterStats stats,
        RestartBackoff backoff, StopDriver stop, IArbiterHost host, Action closeUnusedListeners, Action tooManyBootFailures)
    {
        _host = host;
        _workers = workers;
        _slots = slots;
        _clock = clock;
        _log = log;
        _stats = stats;
        _backoff = backoff;
        _stop = stop;
        _closeUnusedListeners = closeUnusedListeners;
        _tooManyBootFailures = tooManyBootFailures;
    }

    /// <summary>Boot failures in a row, with no worker READY in between.</summary>
    public int BootFailures { get; private set; }

    public void ResetBootFailures() => BootFailures = 0;

    public void Reap(int pid, int exitCode)
    {
        if (_workers.Remove(pid) is not { } worker)
        {
            return;
        }

        // Whatever the exit, worker_exit hears of it; first, since an app that failed to load halts the master below.
        _host.RunHook(HookEvent.WorkerExited(pid, exitCode, ExitReport.Signal(exitCode) is { } signal ? ExitReport.SignalName(signal) : null));

        // The slot keeps the worker's last word: it may have retired and exited between two passes.
        var now = _clock.NowMs;
        var slot = _slots.Read(worker.Slot);
        _stats.Served.Observe([(worker.Slot, slot)]);
        var own = slot.Pid == pid;
        worker.WasReady |= own && slot.State is WorkerState.Ready or WorkerState.Retiring or WorkerState.Stopping;
        if (worker.NoteRetiring(slot))
        {
            _stats.CountRestart(RestartReason.Quota);
        }

        _closeUnusedListeners();
        if (_stop.Stopping || worker.StopSent)
        {
            // The master asked it to go: whatever its exit, it is no crash and no failed boot. A booting worker
            // told TERM before it registered its handlers dies of the signal.
            LogRequestedExit(worker, exitCode, slot, own);
            return;
        }

        if (worker.Retiring && exitCode == ExitCodes.Ok)
        {
            _log.Information(MasterMessages.WorkerExiting, pid);
            return;
        }

        ExitReport.Log(_log, worker, exitCode);
        LogLostRequests(pid, slot, own);

        if (!worker.Killed)
        {
            _stats.CountRestart(RestartReason.Crash);
        }

        if (exitCode == ExitCodes.AppLoadError)
        {
            throw new HaltException("App failed to load.", ExitCodes.AppLoadError);
        }

        if (!worker.WasReady)
        {
            BootFailures++;
            _log.Error(MasterMessages.WorkerFailedToBoot, pid, ExitReport.Describe(exitCode), BootFailures);
            if (BootFailures >= Arbiter.MaxBootFailures)
            {
                _tooManyBootFailures();
            }
        }

        _backoff.RecordDeath(now, now - worker.SpawnedAtMs);
    }

    private void LogRequestedExit(WorkerRecord worker, int exitCode, SlotSnapshot slot, bool own)
    {
        if (_stop.Stopping || exitCode == ExitCodes.Ok || exitCode is 128 + Libc.SIGTERM or 128 + Libc.SIGINT or 128 + Libc.SIGQUIT)
        {
            if (worker.WasReady || exitCode == ExitCodes.Ok || _stop.Stopping)
            {
                _log.Information(MasterMessages.WorkerExiting, worker.Pid);
            }
            else
            {
                _log.Information(MasterMessages.WorkerStoppedBeforeReady, worker.Pid, ExitReport.Describe(exitCode));
            }

            return;
        }

        // It died of something else while leaving: worth a line, but it failed nothing the master counts.
        ExitReport.Log(_log, worker, exitCode);
        LogLostRequests(worker.Pid, slot, own);
    }

    private void LogLostRequests(int pid, SlotSnapshot slot, bool own)
    {
        if (own && (slot.RequestsInFlight > 0 || slot.ConnectionsOpen > 0))
        {
            // The slot still holds the counts at the moment of death: what was cut off, and nothing else. A connection
            // counts from its accept, so one whose request had not started yet is named too.
            _log.Warning(MasterMessages.RequestsLost, pid, slot.RequestsInFlight, slot.ConnectionsOpen);
        }
    }
}
