namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// Gunicorn's server hooks, as commands: each runs with the event in its environment (docs/hooks.md), one at a
/// time, bounded by hook_timeout, and never holds up the master's loop.
/// </summary>
internal static partial class Settings
{
    private const string HookType = "command: string or array of strings";
    private const string AsCommand = "A command run with the event in its environment (docs/hooks.md), not a Python function.";

    public static readonly Setting<IReadOnlyList<string>> OnStarting = Hook(
        "on_starting",
        "Run as the master starts, before it binds; the master waits for it (up to hook_timeout).",
        AsCommand);

    public static readonly Setting<IReadOnlyList<string>> WhenReady = Hook(
        "when_ready",
        "Run once the first workers all serve (SUPERVISOR_WORKERS: how many).",
        AsCommand + " It runs once the workers serve, not before they start.");

    public static readonly Setting<IReadOnlyList<string>> OnReload = Hook(
        "on_reload",
        "Run when a reload (HUP) took the new configuration, as its workers start (SUPERVISOR_GENERATION).",
        AsCommand);

    public static readonly Setting<IReadOnlyList<string>> WorkerExit = Hook(
        "worker_exit",
        "Run in the master after a worker exited (SUPERVISOR_WORKER_PID, SUPERVISOR_WORKER_EXIT_CODE, SUPERVISOR_WORKER_SIGNAL).",
        AsCommand + " It runs in the master for every worker that exits, as Gunicorn's child_exit does.");

    public static readonly Setting<IReadOnlyList<string>> WorkerAbort = Hook(
        "worker_abort",
        "Run in the master when a worker is killed for its timeout (SUPERVISOR_WORKER_PID, SUPERVISOR_WORKER_TIMEOUT).",
        AsCommand + " It runs in the master, as the worker is killed, not in the worker.");

    public static readonly Setting<IReadOnlyList<string>> NWorkersChanged = Hook(
        "nworkers_changed",
        "Run when the number of workers wanted changes: at start, TTIN, TTOU, a reload (SUPERVISOR_WORKERS_OLD, SUPERVISOR_WORKERS_NEW).",
        AsCommand + " SUPERVISOR_WORKERS_OLD is empty the first time, where Gunicorn passes None.");

    public static readonly Setting<IReadOnlyList<string>> OnExit = Hook(
        "on_exit",
        "Run as the master exits, after its workers and files are gone (SUPERVISOR_EXIT_CODE); the master waits for it (up to hook_timeout).",
        AsCommand);

    private static readonly WholeNumber HookSeconds = new(1, WholeNumber.MaxSeconds, "seconds");

    public static readonly Setting<int> HookTimeout = new()
    {
        Key = "hook_timeout",
        Section = HooksSection,
        Ours = true,
        Type = HookSeconds.Type,
        Default = 30L,
        Help = "Seconds a hook may run; one still running then is killed, and that is logged.",
        Details = "Each hook is a command: a string split into words as a POSIX shell would (nothing expanded), or an array; a relative executable path is relative to the config file. Hooks run one at a time, as the master's user, in its working directory; docs/hooks.md says what each is told.",
        Flag = "--hook-timeout",
        HelpName = "SECONDS",
        Parse = value => value.Int(HookSeconds),
    };

    private static Setting<IReadOnlyList<string>> Hook(string key, string help, string difference) => new()
    {
        Key = key,
        Section = HooksSection,
        GunicornDifference = difference,
        Type = HookType,
        DefaultNote = "no hook",
        Help = help,
        Unset = [],
        Parse = value => value.Command(required: false),
        Printer = words => words.Count == 0 ? "" : words.ToArray<object>(),
    };
}
