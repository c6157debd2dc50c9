using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Supervisor.Worker.Logging;

/// <summary>
/// Gunicorn's syslog handler for the error log: each line goes to syslog as well, at its level, with the pid of
/// the process that logged it (a worker's, for its captured output) and the message as the error log has it.
/// </summary>
internal sealed class SyslogSink : ILogEventSink, IDisposable
{
    private readonly SyslogSender _sender;

    public SyslogSink(SyslogSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        GunicornTextFormatter.RenderLiteral(logEvent, text);
        if (logEvent.Exception is not null)
        {
            text.Write('\n');
            text.Write(logEvent.Exception.ToString());
        }

        var pid = logEvent.Properties.TryGetValue(GunicornTextFormatter.CapturedPid, out var captured) && captured is ScalarValue { Value: int worker }
            ? worker
            : Environment.ProcessId;
        _sender.Send(SyslogMessage.Severity(logEvent.Level), SyslogMessage.ErrorLog, pid, text.ToString());
    }

    public void Dispose() => _sender.Dispose();
}
