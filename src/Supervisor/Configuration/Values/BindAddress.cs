using System.Globalization;
using System.Net;

namespace Supervisor.Configuration.Values;

/// <summary>A parsed <c>bind</c> entry: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N.</summary>
internal sealed record BindAddress(BindKind Kind, string Host, int Port, string Path, int Fd)
{
    /// <summary>
    /// The longest unix socket path the kernel takes: sockaddr_un's sun_path is 108 bytes, its NUL included.
    /// </summary>
    public const int MaxUnixPathBytes = 107;

    public static BindAddress TcpAddress(string host, int port) => new(BindKind.Tcp, host, port, "", -1);

    public static BindAddress UnixAddress(string path) => new(BindKind.Unix, "", 0, path, -1);

    public static BindAddress Inherited(int fd) => new(BindKind.FileDescriptor, "", 0, "", fd);

    /// <summary>Parses one address; on failure returns null and says what is allowed.</summary>
    public static BindAddress? TryParse(string text, string baseDirectory, out string? error)
    {
        error = null;
        if (text.Length == 0)
        {
            // Gunicorn would read "" as 0.0.0.0:8000: every interface, which nobody asks for by leaving a value empty.
            error = "an address cannot be empty; write one such as 127.0.0.1:8000 (or 0.0.0.0:8000 for every interface)";
            return null;
        }

        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text.StartsWith("unix://", StringComparison.Ordinal) ? text[7..] : text[5..];
            if (path.Length == 0)
            {
                error = "a unix socket needs a path, as in unix:/run/app.sock";
                return null;
            }

            var full = System.IO.Path.GetFullPath(path, baseDirectory);
            var bytes = System.Text.Encoding.UTF8.GetByteCount(full);
            if (bytes > MaxUnixPathBytes)
            {
                error = $"the socket path {full} is {bytes} bytes long, and a unix socket path can be at most {MaxUnixPathBytes}; choose a shorter path";
                return null;
            }

            return UnixAddress(full);
        }

        if (text.StartsWith("fd://", StringComparison.Ordinal))
        {
            if (!int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd < 0)
            {
                error = $"'{text[5..]}' is not a valid file descriptor";
                return null;
            }

            return Inherited(fd);
        }

        var hostPort = text.StartsWith("tcp://", StringComparison.Ordinal) ? text[6..] : text;
        return TryParseTcp(hostPort, out error);
    }

    private static BindAddress? TryParseTcp(string text, out string? error)
    {
        error = null;
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(text[1..close], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = "an IPv6 address is written in brackets, as in [::1]:8000";
                return null;
            }

            host = text[1..close];
            portText = close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : "8000";
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = "an IPv6 address is written in brackets, as in [::1]:8000";
                return null;
            }

            // As Gunicorn: a bare host listens on port 8000, an empty host on every interface.
            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? "8000" : text[(colon + 1)..];
            if (host.Length == 0)
            {
                host = "0.0.0.0";
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{portText}' is not a valid port number (0..65535)";
            return null;
        }

        return TcpAddress(host, port);
    }

    public override string ToString() => Kind switch
    {
        BindKind.Unix => "unix:" + Path,
        BindKind.FileDescriptor => "fd://" + Fd.ToString(CultureInfo.InvariantCulture),
        _ => Host.Contains(':', StringComparison.Ordinal)
            ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
    };
}
