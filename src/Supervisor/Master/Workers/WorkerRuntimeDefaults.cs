namespace Supervisor.Master.Workers;

/// <summary>
/// .NET runtime and host settings a worker gets unless the master's environment or raw_env already sets them. Several
/// worker processes share the CPUs, which the runtime's defaults, made for one process that owns the machine, do not
/// expect, and each boot is paid again at every recycle.
/// </summary>
internal static class WorkerRuntimeDefaults
{
    /// <summary>
    /// Idle thread-pool threads spin before they sleep, so that the next work item finds one awake. With several
    /// processes on few CPUs that spinning takes the CPU the other workers need. Measured with 2 workers on 2 CPUs
    /// and a new connection per request: 43 to 66 context switches per request and 0.55 x the requests/s of one
    /// process; without the spinning, 7 to 8 and 0.93 to 0.99 x, at the same keep-alive throughput.
    /// </summary>
    public const string ThreadPoolSpinLimit = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>
    /// The .NET host watches the app's appsettings files so as to reload them in place, with a file system watcher on
    /// its content root (the worker's working folder) and all its subfolders: an inotify instance and a thread per
    /// worker, and a watch per folder set up at every boot. Under the master a changed file is read by the workers a
    /// reload (HUP) starts. Measured on an AOT SampleApp run from the repository's folder: 31.5 instead of 25.7 ms of
    /// CPU from exec to the first response.
    /// </summary>
    public const string ReloadConfigOnChange = "DOTNET_hostBuilder__reloadConfigOnChange";

    public static void Apply(IDictionary<string, string?> environment)
    {
        environment.TryAdd(ThreadPoolSpinLimit, "0");
        environment.TryAdd(ReloadConfigOnChange, "false");
    }
}
