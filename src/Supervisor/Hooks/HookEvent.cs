using System.Globalization;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Hooks;

/// <summary>A moment of the master's life that a hook may follow: which hook, and the variables that describe it.</summary>
/// <param name="Setting">The hook's entry in the catalogue, whose value is the command to run.</param>
internal sealed record HookEvent(Setting<IReadOnlyList<string>> Setting, IReadOnlyList<KeyValuePair<string, string>> Variables)
{
    public string Name => Setting.Key;

    public static HookEvent Starting() => new(Settings.OnStarting, []);

    public static HookEvent Ready(int workers) => new(Settings.WhenReady, [Pair(HookVariables.Workers, Text(workers))]);

    public static HookEvent Reloaded(long generation) => new(Settings.OnReload, [Pair(HookVariables.Generation, Text(generation))]);

    /// <param name="signal">The signal's name when a signal ended the worker; null when it exited by itself.</param>
    public static HookEvent WorkerExited(int pid, int exitCode, string? signal) => new(Settings.WorkerExit,
    [
        Pair(HookVariables.WorkerPid, Text(pid)),
        Pair(HookVariables.WorkerExitCode, Text(exitCode)),
        Pair(HookVariables.WorkerSignal, signal ?? ""),
    ]);

    public static HookEvent WorkerAborted(int pid, string detail) => new(Settings.WorkerAbort,
    [
        Pair(HookVariables.WorkerPid, Text(pid)),
        Pair(HookVariables.WorkerTimeout, detail),
    ]);

    /// <param name="old">The count before; null the first time (Gunicorn passes None).</param>
    public static HookEvent WorkersChanged(int? old, int now) => new(Settings.NWorkersChanged,
    [
        Pair(HookVariables.WorkersOld, old is { } before ? Text(before) : ""),
        Pair(HookVariables.WorkersNew, Text(now)),
    ]);

    public static HookEvent Exiting(int exitCode) => new(Settings.OnExit, [Pair(HookVariables.ExitCode, Text(exitCode))]);

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
