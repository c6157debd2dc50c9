using System.Diagnostics.CodeAnalysis;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Hosting;

/// <summary>
/// Turns a failure before the worker is READY into exit code 3, which the master counts as
/// "Worker failed to boot." (and halts on when it repeats) instead of an anonymous crash.
/// </summary>
internal static class BootFailure
{
    [DoesNotReturn]
    public static void Exit(string reason)
    {
        Console.Error.WriteLine($"Worker failed to boot (pid {Environment.ProcessId}): {reason}");
        Environment.Exit(ExitCodes.WorkerBootError);
        throw new InvalidOperationException("Environment.Exit returned.");
    }

    /// <summary>An exception escaping the app while the slot still says BOOTING (e.g. a bad fd in Kestrel) exits 3.</summary>
    public static void ExitOnUnhandledExceptionWhileBooting(SlotWriter slot) =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (slot.State == WorkerState.Booting)
            {
                Exit(e.ExceptionObject.ToString() ?? "unhandled exception");
            }
        };
}
