using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Hooks;
using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Platform;
using Supervisor.Worker.Logging;

namespace Supervisor.Host;

/// <summary>The real process around the arbiter: the config on disk, the sockets, the log and USR2's new master.</summary>
internal sealed class ArbiterHost : IArbiterHost
{
    private readonly Func<ConfigResult> _loadConfig;
    private readonly ListenerSet _listeners;
    private readonly SwitchableLogger _log;
    private readonly ChildMaster _child;
    private readonly ReloadReport _reloadReport;
    private readonly ServiceNotifier _serviceManager;
    private readonly HookRunner _hooks;
    private readonly WorkersGauge _workersGauge;
    private readonly DaemonChild? _daemon;
    private SupervisorConfig _config;

    /// <param name="config">The configuration the master starts with; its workers' log files are prepared here.</param>
    /// <param name="wakeFd">The wake pipe's write end, which a new master started by USR2 must not inherit.</param>
    public ArbiterHost(SupervisorConfig config, Func<ConfigResult> loadConfig, ListenerSet listeners, SwitchableLogger log, int wakeFd, ReloadReport reloadReport,
        ServiceNotifier serviceManager, HookRunner hooks, DaemonChild? daemon = null)
    {
        _daemon = daemon;
        _hooks = hooks;
        _serviceManager = serviceManager;
        _config = config;
        _loadConfig = loadConfig;
        _listeners = listeners;
        _log = log;
        _child = new ChildMaster(log, wakeFd);
        _reloadReport = reloadReport;
        WorkerLogFiles.Prepare(config, log);
        _workersGauge = new WorkersGauge(config.LogSettings.Statsd);
    }

    private Serilog.ILogger Log => _log;

    /// <summary>The first READY also lets <c>run -D</c> return, when it started this master.</summary>
    public void NotifyReady(int readyWorkers)
    {
        _serviceManager.Ready(readyWorkers);
        _daemon?.Ready();
    }

    public void NotifyReloading() => _serviceManager.Reloading();

    public void NotifyStopping() => _serviceManager.Stopping();

    public void NotifyWorkerCount(int readyWorkers) => _serviceManager.WorkerCount(readyWorkers);

    public void CountWorkers(int workers) => _workersGauge.Report(workers);

    public void PingWatchdog(long nowMs) => _serviceManager.Watchdog(nowMs);

    /// <summary>The hooks of the configuration that runs now: a reload's, from the moment it is taken.</summary>
    public void RunHook(HookEvent hookEvent) => _hooks.Post(hookEvent, _config);

    public bool IsInteractive => Libc.IsTerminal(0) == 1 || Libc.IsTerminal(1) == 1 || Libc.IsTerminal(2) == 1;

    /// <summary>True while a new master started by USR2 runs: it serves on the same sockets.</summary>
    public bool HasChildMaster => _child.IsRunning;

    public ConfigResult LoadConfig() => _loadConfig();

    public IReadOnlyList<int> EnsureListeners(SupervisorConfig config)
    {
        var before = _listeners.All.ToHashSet();

        // A reload must not stall supervision for seconds: one attempt, and a failure keeps the old config.
        var listeners = _listeners.Ensure(config.Get(Settings.Bind), SocketOptions.From(config), attempts: 1);
        foreach (var added in listeners.Where(l => !before.Contains(l)))
        {
            Log.Information(MasterMessages.ListeningAt, added.Url, Environment.ProcessId);
        }

        return listeners.Select(l => l.Fd).ToList();
    }

    public void CloseUnusedListeners(IReadOnlySet<int> fdsInUse)
    {
        _listeners.HandedOver = _child.IsRunning;
        foreach (var address in _listeners.CloseUnused(fdsInUse))
        {
            Log.Information(MasterMessages.ListenerClosed, address.ToString());
        }
    }

    public void StopListening()
    {
        // A new master started by USR2 serves on these sockets; it keeps them, and their files.
        _listeners.HandedOver = _child.IsRunning;
        _listeners.CloseUnused(new HashSet<int>());
    }

    public void ReportReload(bool accepted, IReadOnlyList<string> reasons) => _reloadReport.Write(accepted, reasons);

    public void ApplyLogSettings(SupervisorConfig config)
    {
        _config = config;
        _log.Apply(config.LogSettings);
        _workersGauge.Apply(config.LogSettings.Statsd);
        WorkerLogFiles.Prepare(config, Log);
    }

    /// <summary>
    /// Reopens the master's error log and prepares the workers' new files before the workers are told to reopen
    /// theirs (the arbiter signals them after this returns), so a worker running as another user finds them.
    /// </summary>
    public void ReopenLogs()
    {
        _log.Reopen();
        WorkerLogFiles.Prepare(_config, Log);
    }

    public string? DumpStacks(int pid, TimeSpan limit) => Diagnostics.StackDumper.Dump(pid, limit);

    public long? ReadRssBytes(int pid) => Platform.ProcFs.System.ResidentBytes(pid);

    public void StartChildMaster() => _child.Start(_listeners.HandoverText());
}
