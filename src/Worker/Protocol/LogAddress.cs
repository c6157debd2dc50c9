using System.Globalization;
using System.Net.Sockets;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// Where syslog messages or statsd metrics are sent: a host and port over UDP or TCP, or a unix socket by path.
/// Written as Gunicorn writes syslog_addr (<c>udp://HOST:PORT</c>, <c>tcp://HOST:PORT</c>, <c>unix://PATH</c>,
/// <c>unix://PATH#dgram</c>) and statsd_host (<c>HOST:PORT</c>, <c>unix://PATH</c>).
/// </summary>
/// <param name="Type">Datagram or stream; null for a unix socket of either kind (tried as a datagram socket first, as Gunicorn does).</param>
/// <param name="Path">The unix socket's path; null for a network address.</param>
internal sealed record LogAddress(SocketType? Type, string Host, int Port, string? Path)
{
    public const int SyslogPort = 514;
    public const int StatsdPort = 8125;

    public bool IsUnix => Path is not null;

    /// <summary>Reads a syslog_addr; null and a sentence saying what is wrong when it is not one.</summary>
    public static LogAddress? ParseSyslog(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var rest = text["unix://".Length..];
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            var kind = hash < 0 ? null : rest[(hash + 1)..];
            var path = hash < 0 ? rest : rest[..hash];
            SocketType? type = kind switch
            {
                null => null,
                "dgram" => SocketType.Dgram,
                "stream" => SocketType.Stream,
                _ => SocketType.Unknown,
            };
            return Unix(path, type, "unix://PATH, unix://PATH#dgram or unix://PATH#stream", out error);
        }

        var scheme = text.StartsWith("udp://", StringComparison.Ordinal) ? SocketType.Dgram
            : text.StartsWith("tcp://", StringComparison.Ordinal) ? SocketType.Stream
            : SocketType.Unknown;
        if (scheme == SocketType.Unknown)
        {
            error = "expected udp://HOST:PORT, tcp://HOST:PORT or unix://PATH";
            return null;
        }

        return Network(text["udp://".Length..], scheme, SyslogPort, out error);
    }

    /// <summary>
    /// Reads a statsd_host (datagrams); null and a sentence saying what is wrong when it is not one. As Gunicorn
    /// 20 and later, unix:PATH is a socket too, but unix:NUMBER is the host named unix.
    /// </summary>
    public static LogAddress? ParseStatsd(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Expected = "HOST:PORT, unix://PATH or unix:PATH";
        if (text.StartsWith("unix:", StringComparison.Ordinal) && !text["unix:".Length..].All(char.IsAsciiDigit))
        {
            var path = text.StartsWith("unix://", StringComparison.Ordinal) ? text["unix://".Length..] : text["unix:".Length..];
            return Unix(path, SocketType.Dgram, Expected, out error);
        }

        string? problem = null;
        var address = text.Contains("://", StringComparison.Ordinal) || text.Any(char.IsWhiteSpace) ? null : Network(text, SocketType.Dgram, StatsdPort, out problem);
        error = address is not null ? null : problem is null ? $"expected {Expected}" : $"expected {Expected}: {problem}";
        return address;
    }

    /// <summary>A contract variable that must hold an address <paramref name="parse"/> reads; empty: <paramref name="fallback"/>.</summary>
    /// <exception cref="WorkerContractException">It holds something else.</exception>
    internal static string Checked(Func<string, string?> variable, string name, string fallback, Parser parse)
    {
        var text = variable(name);
        return string.IsNullOrEmpty(text) ? fallback
            : parse(text, out var error) is null ? throw new WorkerContractException($"{name} is \"{text}\": {error}.")
            : text;
    }

    internal delegate LogAddress? Parser(string text, out string? error);

    private static LogAddress? Unix(string path, SocketType? type, string expected, out string? error)
    {
        error = path.Length == 0 || !path.StartsWith('/') ? $"expected {expected} with an absolute PATH"
            : type == SocketType.Unknown ? $"expected {expected}"
            : null;
        return error is null ? new LogAddress(type, "", 0, path) : null;
    }

    /// <summary>HOST, HOST:PORT, [IPv6]:PORT; no host is localhost, no port the default.</summary>
    private static LogAddress? Network(string text, SocketType type, int defaultPort, out string? error)
    {
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? "" : text[1..close];
            var after = close < 0 ? "" : text[(close + 1)..];
            port = after.StartsWith(':') ? after[1..] : after.Length == 0 ? null : after;
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
        {
            error = $"the port '{port}' is not a number from 1 to 65535";
            return null;
        }

        error = null;
        var portNumber = port is null ? defaultPort : int.Parse(port, CultureInfo.InvariantCulture);
        return new LogAddress(type, host.Length == 0 ? "localhost" : host.ToLowerInvariant(), portNumber, null);
    }

    public override string ToString() => Path is not null
        ? "unix://" + Path
        : (Type == SocketType.Stream ? "tcp://" : "udp://") + (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
