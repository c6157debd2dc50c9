using Serilog;
using Supervisor.Cli;
using Supervisor.Configuration;
using Supervisor.Native;
using Supervisor.Worker.Contract;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Master;

/// <summary>
/// The master from start to exit, read top to bottom: log, pidfile, listeners, scoreboard, workers until
/// stopped; then everything it created is removed.
/// </summary>
internal static class MasterProcess
{
    public static int Run(SupervisorConfig config)
    {
        using var log = SupervisorLog.Create(new LogSettings(config.LogLevel, config.LogFormat, config.ErrorLog));
        log.Information(MasterMessages.Starting, SupervisorCli.Version);
        var cleanup = new Stack<IDisposable>();
        try
        {
            CheckPrivileges(config);

            // 1. The pidfile first, so a second master is refused before it touches the sockets.
            if (config.PidFile is not null)
            {
                cleanup.Push(PidFile.Create(config.PidFile));
            }

            // 2. Bind every address once; the workers inherit them.
            var listeners = new ListenerBinder(log, TimeSpan.FromSeconds(1)).BindAll(config.Bind, config.Backlog, config.WorkerOwner);
            listeners.ForEach(cleanup.Push);
            foreach (var listener in listeners)
            {
                log.Information(MasterMessages.ListeningAt, listener.Url, Environment.ProcessId);
            }

            // 3. The scoreboard the workers report through.
            var scoreboard = CreateScoreboard(config);
            cleanup.Push(new DeleteOnDispose(scoreboard.Path));
            cleanup.Push(scoreboard);

            // 4. Supervise until stopped.
            var arbiter = new Arbiter(config, new ProcessSpawner(config, listeners, scoreboard.Path),
                new ScoreboardSlotReader(scoreboard), SystemTickClock.Instance, log, Random.Shared);
            using var signals = new MasterSignals(arbiter);
            var exitCode = arbiter.Run();
            log.Information(MasterMessages.ShuttingDown);
            if (arbiter.HaltReason is { } reason)
            {
                log.Information(MasterMessages.Reason, reason);
            }

            return exitCode;
        }
        catch (HaltException e)
        {
            log.Error(e.Message);
            log.Information(MasterMessages.ShuttingDown);
            return e.ExitCode;
        }
        finally
        {
            while (cleanup.TryPop(out var item))
            {
                item.Dispose();
            }
        }
    }

    private static void CheckPrivileges(SupervisorConfig config)
    {
        if (config.WorkerOwner is { } owner && Libc.GetEffectiveUserId() != 0 && Libc.GetEffectiveUserId() != owner.Uid)
        {
            throw new HaltException(MasterMessages.NotRunningAsRoot.Replace("{User}", config.User, StringComparison.Ordinal), ExitCodes.ConfigError);
        }
    }

    private static Worker.Scoreboard.Scoreboard CreateScoreboard(SupervisorConfig config)
    {
        // tmpfs when there is one: heartbeats then never touch a disk.
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(folder, $"supervisor-{Environment.ProcessId}.scoreboard");
        var slots = Math.Min(ScoreboardLayout.MaxSlots, (config.Workers * 2) + 16);
        var scoreboard = Worker.Scoreboard.Scoreboard.Create(path, slots);
        if (config.WorkerOwner is { } owner)
        {
            Libc.Chown(path, owner.Uid, owner.Gid);
        }

        return scoreboard;
    }
}
