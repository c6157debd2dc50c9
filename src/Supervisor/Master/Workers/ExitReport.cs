using System.Globalization;
using Serilog;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>Logs an unexpected worker exit as Gunicorn does: its code, or its signal.</summary>
internal static class ExitReport
{
    public static void Log(ILogger log, WorkerRecord worker, int exitCode)
    {
        if (worker.SlotDamaged)
        {
            log.Information(MasterMessages.WorkerKilledForSlot, worker.Pid);
        }
        else if (worker.Killed)
        {
            log.Information(MasterMessages.WorkerKilledAfterTimeout, worker.Pid);
        }
        else if (exitCode == ExitCodes.Ok)
        {
            // As Gunicorn, a clean exit is no error, even unasked (a QUIT sent by hand, the app stopping itself).
            log.Information(MasterMessages.WorkerExiting, worker.Pid);
        }
        else if (Signal(exitCode) is { } signal)
        {
            switch (signal)
            {
                case Libc.SIGKILL:
                    log.Error(MasterMessages.WorkerSentSigkill, worker.Pid);
                    break;
                case Libc.SIGTERM:
                    log.Information(MasterMessages.WorkerSentSignal, worker.Pid, SignalName(signal));
                    break;
                default:
                    log.Warning(MasterMessages.WorkerSentSignal, worker.Pid, SignalName(signal));
                    break;
            }
        }
        else
        {
            log.Error(MasterMessages.WorkerExitedWithCode, worker.Pid, exitCode);
        }
    }

    /// <summary>"exit code 3" or "SIGSEGV".</summary>
    public static string Describe(int exitCode) =>
        Signal(exitCode) is { } signal ? SignalName(signal) : "exit code " + exitCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The signal that ended a process that exited with this code (128 + N); null when none did.</summary>
    public static int? Signal(int exitCode) =>
        exitCode > ExitCodes.SignalBase && exitCode <= ExitCodes.SignalBase + 64 ? exitCode - ExitCodes.SignalBase : null;

    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        17 => "SIGCHLD",
        21 => "SIGTTIN",
        22 => "SIGTTOU",
        28 => "SIGWINCH",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };
}
