using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// The worker's signal handlers (Gunicorn's worker semantics). Every handler cancels the default
/// action, which for all of these would kill the process.
/// </summary>
internal sealed class WorkerSignals : IDisposable
{
    private const PosixSignal SIGUSR1 = (PosixSignal)10;

    private readonly List<PosixSignalRegistration> _registrations = [];

    public WorkerSignals(WorkerDrain drain, LogReopenSignal reopenLogs, ILogger logger)
    {
        // TERM: graceful drain.
        Register(PosixSignal.SIGTERM, _ =>
        {
            WorkerLog.SignalReceived(logger, "TERM", "draining");
            drain.Begin(WorkerState.Stopping);
        });

        // INT, QUIT: exit now, in-flight requests are dropped.
        Register(PosixSignal.SIGINT, _ => ExitNow(logger, "INT"));
        Register(PosixSignal.SIGQUIT, _ => ExitNow(logger, "QUIT"));

        // USR1: reopen log files; whoever writes them subscribes.
        Register(SIGUSR1, _ =>
        {
            WorkerLog.SignalReceived(logger, "USR1", "reopening log files");
            reopenLogs.Raise();
        });

        // HUP: the master reloads; a worker has nothing to reload and must not die of it.
        Register(PosixSignal.SIGHUP, _ => { });
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

    private void Register(PosixSignal signal, Action<PosixSignalContext> handler) =>
        _registrations.Add(PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            handler(context);
        }));
}
