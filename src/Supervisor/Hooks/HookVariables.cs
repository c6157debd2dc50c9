namespace Supervisor.Hooks;

/// <summary>
/// The environment a hook command runs with, besides the master's own: which hook, and what happened.
/// docs/hooks.md lists them by hook.
/// </summary>
internal static class HookVariables
{
    /// <summary>Every hook: its name, e.g. "worker_exit".</summary>
    public const string Hook = "SUPERVISOR_HOOK";

    /// <summary>Every hook: the master's pid.</summary>
    public const string MasterPid = "SUPERVISOR_MASTER_PID";

    /// <summary>when_ready: how many workers serve.</summary>
    public const string Workers = "SUPERVISOR_WORKERS";

    /// <summary>on_reload: the number of the generation the new configuration starts.</summary>
    public const string Generation = "SUPERVISOR_GENERATION";

    /// <summary>worker_exit, worker_abort: the worker's pid.</summary>
    public const string WorkerPid = "SUPERVISOR_WORKER_PID";

    /// <summary>worker_exit: its exit code as the shell shows it (128 + N for signal N).</summary>
    public const string WorkerExitCode = "SUPERVISOR_WORKER_EXIT_CODE";

    /// <summary>worker_exit: the signal that ended it, e.g. "SIGKILL"; empty when it exited by itself.</summary>
    public const string WorkerSignal = "SUPERVISOR_WORKER_SIGNAL";

    /// <summary>worker_abort: why it timed out, as the WORKER TIMEOUT line says (a request line comes from the worker).</summary>
    public const string WorkerTimeout = "SUPERVISOR_WORKER_TIMEOUT";

    /// <summary>nworkers_changed: the count before; empty the first time.</summary>
    public const string WorkersOld = "SUPERVISOR_WORKERS_OLD";

    /// <summary>nworkers_changed: the count now.</summary>
    public const string WorkersNew = "SUPERVISOR_WORKERS_NEW";

    /// <summary>on_exit: the code the master exits with.</summary>
    public const string ExitCode = "SUPERVISOR_EXIT_CODE";
}
