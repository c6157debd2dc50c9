using Microsoft.Extensions.Logging;

namespace Supervisor.Worker.Proxying;

/// <summary>What a worker says about PROXY headers; the refusal is Gunicorn's "Invalid request from ip=..." line.</summary>
internal static partial class ProxyProtocolLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Invalid request from ip={Ip}: {Error}")]
    public static partial void Refused(ILogger logger, string ip, string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "No PROXY header or request from ip={Ip} within {Seconds} seconds: connection closed")]
    public static partial void Silent(ILogger logger, string ip, int seconds);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Connection from ip={Ip} ended before its PROXY header was read or answered: {Reason}")]
    public static partial void Reset(ILogger logger, string ip, string reason);
}
