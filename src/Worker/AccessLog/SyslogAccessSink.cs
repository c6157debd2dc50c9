using System.Text;
using Supervisor.Worker.Logging;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// With syslog on, Gunicorn sends each access log line to syslog too, at INFO, unless
/// disable_redirect_access_to_syslog: so does this sink, beside the access log file or stream if there is one.
/// </summary>
internal sealed class SyslogAccessSink : IAccessLogSink
{
    private const int InfoSeverity = 6;

    private readonly IAccessLogSink? _inner;
    private readonly SyslogSender _sender;
    private readonly int _pid = Environment.ProcessId;

    /// <param name="inner">Where accesslog sends the line; null when accesslog is unset and syslog alone has it.</param>
    public SyslogAccessSink(IAccessLogSink? inner, SyslogSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _inner = inner;
        _sender = sender;
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        _inner?.Write(line);
        _sender.Send(InfoSeverity, SyslogMessage.AccessLog, _pid, Encoding.UTF8.GetString(line.TrimEnd((byte)'\n')));
    }

    public void Dispose()
    {
        _inner?.Dispose();
        _sender.Dispose();
    }
}
