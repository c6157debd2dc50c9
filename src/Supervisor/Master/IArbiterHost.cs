using Supervisor.Configuration;
using Supervisor.Hooks;

namespace Supervisor.Master;

/// <summary>
/// What the arbiter asks of the process around it: configuration, sockets, logs and binary upgrades.
/// A seam so reloads are unit-tested without files, sockets or processes.
/// </summary>
internal interface IArbiterHost
{
    /// <summary>True when the master runs attached to a terminal (WINCH then only means a resize).</summary>
    bool IsInteractive { get; }

    /// <summary>True while a new master started by USR2 runs and serves on the same sockets.</summary>
    bool HasChildMaster { get; }

    /// <summary>Reads the configuration again: the file, the environment and the original flags.</summary>
    ConfigResult LoadConfig();

    /// <summary>
    /// Makes a reload's outcome known to 'supervisor reload': whether the configuration was taken, and the
    /// reasons it was not (each a line a user can act on).
    /// </summary>
    void ReportReload(bool accepted, IReadOnlyList<string> reasons);

    /// <summary>The descriptors for the configuration's addresses, binding new ones; throws <see cref="HaltException"/>.</summary>
    IReadOnlyList<int> EnsureListeners(SupervisorConfig config);

    /// <summary>Closes the listeners whose descriptors no live worker and no current setting uses.</summary>
    void CloseUnusedListeners(IReadOnlySet<int> fdsInUse);

    /// <summary>
    /// Closes the master's copies of the listening sockets when it stops, so that once the workers let go of
    /// theirs new connections are refused (and a proxy tries elsewhere) instead of waiting in a dead queue.
    /// </summary>
    void StopListening();

    void ApplyLogSettings(SupervisorConfig config);

    /// <summary>
    /// The managed stacks of a hung worker's threads, most relevant first; null when they cannot be read.
    /// Returns within <paramref name="limit"/> whatever happens. Called off the arbiter's thread.
    /// </summary>
    string? DumpStacks(int pid, TimeSpan limit);

    /// <summary>A worker's resident memory in bytes, or null when it cannot be read (the process is gone).</summary>
    long? ReadRssBytes(int pid);

    void ReopenLogs();

    /// <summary>Starts a new master from the same executable and arguments, handing it the listeners.</summary>
    void StartChildMaster();

    /// <summary>
    /// Tells the service manager (systemd, through NOTIFY_SOCKET) that the workers are READY: after start, after a
    /// reload, or after a reload was refused; with how many serve. Does nothing without a service manager.
    /// </summary>
    void NotifyReady(int readyWorkers);

    /// <summary>A reload (HUP) begins; <see cref="NotifyReady"/> follows once it is over.</summary>
    void NotifyReloading();

    void NotifyStopping();

    /// <summary>How many workers serve now, when it changed.</summary>
    void NotifyWorkerCount(int readyWorkers);

    /// <summary>How many worker processes there are, on every pass of the loop (statsd's gunicorn.workers gauge).</summary>
    void CountWorkers(int workers);

    /// <summary>Called on every pass of the loop: pings the service manager's watchdog when it is time.</summary>
    void PingWatchdog(long nowMs);

    /// <summary>Runs the event's hook command, when the configuration sets one, without waiting for it.</summary>
    void RunHook(HookEvent hookEvent);
}
