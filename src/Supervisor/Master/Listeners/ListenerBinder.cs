using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Platform;

namespace Supervisor.Master.Listeners;

/// <summary>Binds the configured addresses: TCP, unix sockets and inherited descriptors.</summary>
internal sealed class ListenerBinder
{
    // As Gunicorn: a port in use is tried 5 times, 1 s apart, before giving up.
    public const int Attempts = 5;

    private readonly ILogger _log;
    private readonly TimeSpan _retryDelay;

    public ListenerBinder(ILogger log, TimeSpan retryDelay)
    {
        _log = log;
        _retryDelay = retryDelay;
    }

    /// <summary>Binds one address, retrying a port in use; throws <see cref="HaltException"/> with the reason.</summary>
    public Listener Bind(BindAddress address, SocketOptions options, int attempts)
    {
        var listener = BindWithRetries(address, options, attempts);
        try
        {
            if (options.Owner is { } o && address.Kind == BindKind.Unix)
            {
                Libc.Chown(address.Path, o.Uid, o.Gid);
            }

            Libc.ClearCloseOnExec(listener.Fd);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Takes over a socket a parent master bound (binary upgrade), listening with this backlog.</summary>
    public static Listener AdoptInherited(BindAddress address, int fd, int backlog)
    {
        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        socket.Listen(backlog);
        return new Listener(address, socket, Url(socket, address));
    }

    private Listener BindWithRetries(BindAddress address, SocketOptions options, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Bind(address, options);
            }
            catch (SocketException e)
            {
                if (e.SocketErrorCode != SocketError.AddressAlreadyInUse)
                {
                    throw new HaltException($"{Reason(e)}: {address}", 1);
                }

                // As Gunicorn: every attempt says so, then one last line gives up.
                _log.Error("Connection in use: {Address}", address.ToString());
                if (attempt >= attempts)
                {
                    throw new HaltException($"{Reason(e)}: {address}", 1);
                }

                _log.Debug("Retrying in {Seconds} second.", _retryDelay.TotalSeconds);
                Thread.Sleep(_retryDelay);
            }
        }
    }

    private static string Reason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.AddressNotAvailable => "Address not available on this machine",
        SocketError.AccessDenied => "Permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "Host not found",
        _ => e.Message,
    };

    private static Listener Bind(BindAddress address, SocketOptions options) => address.Kind switch
    {
        BindKind.Unix => BindUnix(address, options),
        BindKind.FileDescriptor => Adopt(address, options.Backlog),
        _ => BindTcp(address, options),
    };

    private static Listener BindTcp(BindAddress address, SocketOptions options)
    {
        var ip = IPAddress.TryParse(address.Host, out var parsed) ? parsed : Dns.GetHostAddresses(address.Host)[0];
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Libc.SetReuseAddress((int)socket.Handle);
            if (options.ReusePort)
            {
                Libc.SetReusePort((int)socket.Handle);
            }

            socket.NoDelay = true;
            socket.Bind(new IPEndPoint(ip, address.Port));
            socket.Listen(options.Backlog);
            return new Listener(address, socket, HttpUrl((IPEndPoint)socket.LocalEndPoint!));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Listener BindUnix(BindAddress address, SocketOptions options)
    {
        if (File.Exists(address.Path) || Directory.Exists(address.Path))
        {
            if (!Libc.IsSocket(address.Path))
            {
                throw new HaltException($"{address.Path} exists and is not a socket; remove it or choose another path: {address}", 1);
            }

            // A socket file left by a server that is gone; a live server would keep accepting on it.
            File.Delete(address.Path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // As Gunicorn: the umask decides the socket file's mode (0 leaves it 0777, so a proxy of another user can connect).
            var previous = Libc.SetUmask(options.Umask);
            try
            {
                socket.Bind(new UnixDomainSocketEndPoint(address.Path));
            }
            finally
            {
                Libc.SetUmask(previous);
            }

            socket.Listen(options.Backlog);
            return new Listener(address, socket, address.ToString());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Url(Socket socket, BindAddress address) => socket.LocalEndPoint switch
    {
        IPEndPoint ip => HttpUrl(ip),
        UnixDomainSocketEndPoint unix => "unix:" + unix,
        _ => address.ToString(),
    };

    /// <summary>http://127.0.0.1:8000 or http://[::1]:8000; an IPv4 address a dual-stack socket holds reads as IPv4.</summary>
    private static string HttpUrl(IPEndPoint endPoint)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"http://{host}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static Listener Adopt(BindAddress address, int backlog)
    {
        var socket = new Socket(new SafeSocketHandle(address.Fd, ownsHandle: true));
        socket.Listen(backlog);
        return new Listener(address, socket, Url(socket, address));
    }
}
