using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Signals;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// The worker's signal handlers (Gunicorn's worker semantics). Every handler cancels the default
/// action, which for all of these would kill the process. A signal the worker inherited as ignored is handled
/// all the same: the contract says what TERM, INT, QUIT and USR1 do, whoever started the master and how.
/// </summary>
internal sealed class WorkerSignals : IDisposable
{
    private const PosixSignal SIGUSR1 = (PosixSignal)10;

    private readonly List<PosixSignalRegistration> _registrations;

    public WorkerSignals(WorkerDrain drain, LogReopenSignal reopenLogs, ILogger logger)
    {
        _registrations = SignalDisposition.Handle(
        [
            // TERM: graceful drain.
            Handler(PosixSignal.SIGTERM, 15, () =>
            {
                WorkerLog.SignalReceived(logger, "TERM", "draining");
                drain.Begin(WorkerState.Stopping);
            }),

            // INT, QUIT: exit now, in-flight requests are dropped.
            Handler(PosixSignal.SIGINT, 2, () => ExitNow(logger, "INT")),
            Handler(PosixSignal.SIGQUIT, 3, () => ExitNow(logger, "QUIT")),

            // USR1: reopen log files; whoever writes them subscribes.
            Handler(SIGUSR1, 10, () =>
            {
                WorkerLog.SignalReceived(logger, "USR1", "reopening log files");
                reopenLogs.Raise();
            }),

            // HUP: the master reloads; a worker has nothing to reload and must not die of it.
            Handler(PosixSignal.SIGHUP, 1, () => { }),
        ]);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }

    private static void ExitNow(ILogger logger, string name)
    {
        WorkerLog.SignalReceived(logger, name, "exiting now");
        Environment.Exit(0);
    }

    /// <param name="number">The signal's Linux number, for putting back a disposition the worker inherited.</param>
    private static (PosixSignal, int, Action<PosixSignalContext>) Handler(PosixSignal signal, int number, Action handler) =>
        (signal, number, context =>
        {
            context.Cancel = true;
            handler();
        });
}
