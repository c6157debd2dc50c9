using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.ControlEndpoint;
using Supervisor.Hooks;
using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Host;

/// <summary>
/// The master from start to exit, read top to bottom: log, pidfile, listeners, scoreboard, wake pipe, workers
/// until stopped; then everything it created is removed.
/// </summary>
internal static class MasterProcess
{
    /// <param name="reloadConfig">Reads the configuration again, from the same file, environment and flags.</param>
    /// <param name="error">Where a failure comes out when there is no log yet to write it to.</param>
    /// <param name="daemon">Set when this is the master <c>run -D</c> started, which it tells once the workers are READY.</param>
    public static int Run(SupervisorConfig config, Func<ConfigResult> reloadConfig, TextWriter error, DaemonChild? daemon = null)
    {
        // 0. The error log, which everything after reports to. The configuration was checked, but the file can
        //    still change in between: that is one line on stderr, not a stack trace.
        if (OpenLog(config, error) is not { } switchable)
        {
            return ExitCodes.ConfigError;
        }

        using var owned = switchable;
        Serilog.ILogger log = switchable;
        log.Information(MasterMessages.Starting, SupervisorVersion.Text);
        if (config.Get(Settings.ProcName) is { } procName)
        {
            ProcessName.Set(ProcessName.For(procName, "master"));
        }
        var cleanup = new Stack<IDisposable>();
        var parentMaster = ParentMaster();
        using var hooks = new HookRunner(log);
        var current = () => config;
        var started = false;
        int exitCode;
        try
        {
            CheckPrivileges(config);

            // 1. The pidfile first, so a second master is refused before it touches the sockets. A master
            //    started by a binary upgrade writes pidfile.2 until the old master is gone.
            PidFile? pidFile = null;
            if (config.Get(Settings.PidFile) is { } pidPath)
            {
                pidFile = PidFile.Create(parentMaster is null ? pidPath : pidPath + ".2");
                cleanup.Push(pidFile);
            }

            // Under systemd (Type=notify) the service manager hears of readiness, reloads and the stop; a master
            // started by a binary upgrade becomes the service's main process once the old one is gone.
            var serviceManager = ServiceNotifier.FromEnvironment();
            cleanup.Push(serviceManager);
            if (parentMaster is { } parent)
            {
                cleanup.Push(new PromotionWatch(parent, pidFile, config.Get(Settings.PidFile), log, () => serviceManager.MainPid(Environment.ProcessId)));
            }

            // on_starting, as Gunicorn calls it: once the pidfile is written, before anything is bound; waited for.
            started = true;
            hooks.Run(HookEvent.Starting(), config);

            // 2. Bind every address once (or adopt the old master's sockets, or systemd's); the workers inherit them.
            var inherited = ListenerSet.ParseHandover(Environment.GetEnvironmentVariable(UpgradeVariables.Listeners));
            foreach (var (address, fd) in SocketActivation.Take(config.Get(Settings.Bind), log))
            {
                inherited[address] = fd;
            }

            var listeners = new ListenerSet(new ListenerBinder(log, TimeSpan.FromSeconds(1)), inherited);
            cleanup.Push(listeners);
            var bound = listeners.Ensure(config.Get(Settings.Bind), SocketOptions.From(config), ListenerBinder.Attempts);
            ListenerSet.CloseUnclaimed(inherited);
            foreach (var listener in bound)
            {
                log.Information(MasterMessages.ListeningAt, listener.Url, Environment.ProcessId);
            }

            // 3. The scoreboard the workers report through, once the scoreboards of masters killed before are gone.
            StaleScoreboards.Remove(Platform.ScoreboardLocation.Parent, log);
            var scoreboard = SlotFiles.Create(Platform.ScoreboardLocation.For(Environment.ProcessId), SlotCount(config));
            cleanup.Push(scoreboard);

            // 4. The pipe through which a worker wakes the master when its slot becomes READY or RETIRING.
            var wake = WakePipe.Create(log);
            cleanup.Push(wake);

            // 5. Supervise until stopped.
            var reloadReport = new ReloadReport(pidFile, log);
            cleanup.Push(reloadReport);
            var host = new ArbiterHost(config, reloadConfig, listeners, switchable, wake.WriteFd, reloadReport, serviceManager, hooks, daemon);
            var feed = new EndpointFeed(listeners, scoreboard.Folder);
            var arbiter = new Arbiter(config, bound.Select(l => l.Fd).ToList(), new ProcessSpawner(scoreboard, wake.WriteFd, log: log),
                scoreboard, SystemTickClock.Instance, log, Random.Shared, host);
            current = () => arbiter.Config;
            wake.StartReading(() => arbiter.Post(new ArbiterEvent.WorkerNudged()));

            // The control endpoint starts before any worker: an address it cannot take stops the master here.
            using var endpoint = DeferredEndpointServer.Start(config, arbiter.Stats, feed, log, parentMaster is not null);
            using var signals = new MasterSignals(arbiter);
            using var appWatch = WatchApp(config, log, arbiter);
            exitCode = arbiter.Run();

            // A new master serving on the same sockets keeps the unix socket files.
            listeners.HandedOver = host.HasChildMaster;
            log.Information(MasterMessages.ShuttingDown);
            if (arbiter.HaltReason is { } reason)
            {
                log.Information(MasterMessages.Reason, reason);
            }
        }
        catch (HaltException e)
        {
            log.Error(e.Message);
            log.Information(MasterMessages.ShuttingDown);
            log.Information(MasterMessages.Reason, e.Message);
            exitCode = e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            // A file or socket the master must create (pidfile, scoreboard, listener) cannot be: say which and why.
            log.Error(MasterMessages.CannotStart, e.Message);
            log.Information(MasterMessages.ShuttingDown);
            exitCode = ExitCodes.ConfigError;
        }
        finally
        {
            while (cleanup.TryPop(out var item))
            {
                try
                {
                    item.Dispose();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // One thing that cannot be removed must not keep the rest from being removed.
                    log.Warning(MasterMessages.CleanupFailed, e.Message);
                }
            }
        }

        // 6. on_exit, as Gunicorn's halt calls it: once the workers and the master's files are gone, after the hooks
        //    still queued (for hook_timeout at most); waited for.
        hooks.Finish(TimeSpan.FromSeconds(current().Get(Settings.HookTimeout)));
        if (started)
        {
            hooks.Run(HookEvent.Exiting(exitCode), current());
        }

        return exitCode;
    }

    private static SwitchableLogger? OpenLog(SupervisorConfig config, TextWriter error)
    {
        try
        {
            return new SwitchableLogger(config.LogSettings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Error: cannot open the error log {config.Get(Settings.ErrorLog)} (errorlog): {e.Message} Nothing was started.");
            return null;
        }
    }

    /// <summary>reload = true: the app's files, watched for as long as the master runs.</summary>
    private static AppWatch? WatchApp(SupervisorConfig config, Serilog.ILogger log, Arbiter arbiter)
    {
        if (!config.Get(Settings.Reload))
        {
            return null;
        }

        if (WatchedFiles.MainFile(config) is null)
        {
            log.Warning(MasterMessages.ReloadNoMainFile, config.Get(Settings.App)[0]);
        }

        return new AppWatch(WatchedFiles.For(config), log, () => arbiter.Post(new ArbiterEvent.FilesChanged()));
    }

    private static int? ParentMaster() =>
        int.TryParse(Environment.GetEnvironmentVariable(UpgradeVariables.ParentMaster), out var pid) && pid > 0 ? pid : null;

    private static void CheckPrivileges(SupervisorConfig config)
    {
        if (config.WorkerOwner is { } owner && Libc.GetEffectiveUserId() != 0 && Libc.GetEffectiveUserId() != owner.Uid)
        {
            throw new HaltException(MasterMessages.NotRunningAsRoot.Replace("{User}", config.Get(Settings.User)?.Name, StringComparison.Ordinal), ExitCodes.ConfigError);
        }
    }

    // Room for TTIN and for a whole second generation during a reload.
    private static int SlotCount(SupervisorConfig config) => Math.Min(ScoreboardLayout.MaxSlots, Math.Max(64, (config.Get(Settings.Workers) * 4) + 16));
}
