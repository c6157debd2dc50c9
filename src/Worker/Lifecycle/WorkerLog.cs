using Microsoft.Extensions.Logging;

namespace Supervisor.Worker.Lifecycle;

/// <summary>The worker library's log messages, with fixed event ids.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Worker {Pid} booting in slot {Slot} (generation {Generation})")]
    public static partial void Booting(ILogger logger, int pid, int slot, long generation);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Worker ready (pid {Pid}, slot {Slot})")]
    public static partial void Ready(ILogger logger, int pid, int slot);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Worker received {Signal}: {Action}")]
    public static partial void SignalReceived(ILogger logger, string signal, string action);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Autorestarting worker after current request (quota of {Quota} requests reached)")]
    public static partial void QuotaReached(ILogger logger, long quota);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The master is gone: worker exiting")]
    public static partial void MasterGone(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Heartbeat failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Worker {Pid} stopped")]
    public static partial void Exiting(ILogger logger, int pid);
}
