using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Supervisor.Worker.Logging;

/// <summary>
/// Writes events as Gunicorn writes its error log, so its users recognise the lines:
/// <c>[2026-11-25 10:00:00 +0000] [1234] [INFO] Booting worker with pid: 1234</c>.
/// </summary>
internal sealed class GunicornTextFormatter : ITextFormatter
{
    /// <summary>The property of a line the master writes for a worker (captured output): the worker's pid, shown in its place.</summary>
    public const string CapturedPid = "CapturedPid";

    private readonly string _pid;

    public GunicornTextFormatter(int pid)
    {
        _pid = pid.ToString(CultureInfo.InvariantCulture);
    }

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var time = logEvent.Timestamp;
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        output.Write('[');
        output.Write(time.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture));
        output.Write(sign);
        output.Write(Math.Abs(offset.Hours).ToString("00", CultureInfo.InvariantCulture));
        output.Write(Math.Abs(offset.Minutes).ToString("00", CultureInfo.InvariantCulture));
        output.Write("] [");
        output.Write(logEvent.Properties.TryGetValue(CapturedPid, out var pid) && pid is ScalarValue { Value: int worker } ? worker.ToString(CultureInfo.InvariantCulture) : _pid);
        output.Write("] [");
        output.Write(LevelName(logEvent.Level));
        output.Write("] ");
        RenderLiteral(logEvent, output);
        output.Write('\n');
        if (logEvent.Exception is not null)
        {
            output.Write(logEvent.Exception.ToString());
            output.Write('\n');
        }
    }

    /// <summary>Renders the message with string values unquoted, as a plain log line reads.</summary>
    internal static void RenderLiteral(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                output.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
            }
        }
    }

    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        LogEventLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
