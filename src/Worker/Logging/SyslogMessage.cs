using System.Globalization;
using System.Text;
using Serilog.Events;

namespace Supervisor.Worker.Logging;

/// <summary>
/// One message in the format of RFC 5424:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG</c>, with PRI = facility × 8 + severity, the
/// pid of the process that logged as PROCID, and "error" or "access" as MSGID (the two logs Gunicorn sends,
/// which it tells apart by program name).
/// </summary>
internal static class SyslogMessage
{
    public const string ErrorLog = "error";
    public const string AccessLog = "access";

    /// <summary>HOSTNAME: the machine's name, as printable ASCII of at most 255 characters (section 6.2.4).</summary>
    public static readonly string HostName = Field(Environment.MachineName, 255);

    /// <param name="appName">Already a field (<see cref="AppName"/>).</param>
    public static byte[] Format(int facility, int severity, DateTimeOffset time, string appName, int pid, string msgId, string message)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"<{(facility * 8) + severity}>1 {time:yyyy-MM-dd'T'HH:mm:ss.ffffffzzz} {HostName} {appName} {pid} {msgId} - ");
        var bytes = new byte[Encoding.UTF8.GetByteCount(header) + Encoding.UTF8.GetByteCount(message)];
        var written = Encoding.UTF8.GetBytes(header, bytes);
        Encoding.UTF8.GetBytes(message, bytes.AsSpan(written));
        return bytes;
    }

    /// <summary>The severity of section 6.2.1 for a Serilog level: critical is 2, error 3, warning 4, info 6, debug 7.</summary>
    public static int Severity(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    /// <summary>APP-NAME: printable ASCII of at most 48 characters (section 6.2.5).</summary>
    public static string AppName(string name) => Field(name, 48);

    /// <summary>A header field: printable ASCII without spaces, cut to its length; "-" (nothing) when empty.</summary>
    private static string Field(string text, int maxLength)
    {
        var field = new string(text.Where(c => c is > ' ' and <= '~').Take(maxLength).ToArray());
        return field.Length == 0 ? "-" : field;
    }
}
