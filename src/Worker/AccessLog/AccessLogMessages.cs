using Microsoft.Extensions.Logging;

namespace Supervisor.Worker.AccessLog;

/// <summary>The access log's own messages, which go to the error log, with fixed event ids.</summary>
internal static partial class AccessLogMessages
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "access_log_format: {Problem}")]
    public static partial void FormatProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Cannot write the access log; lines are dropped until a write succeeds")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Cannot reopen the access log {Path}")]
    public static partial void ReopenFailed(ILogger logger, string path, Exception exception);
}
