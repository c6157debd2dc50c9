using System.Net;
using System.Net.Sockets;

namespace Supervisor.Worker.Metrics;

/// <summary>
/// Sends metrics to statsd as Gunicorn does, one datagram each, without ever making the caller wait: the socket is
/// non-blocking, and a datagram that cannot go at once (no statsd listening, a full buffer, an address that did not
/// resolve) is dropped and counted. A metric lost is better than a request or the master's loop held up, and a
/// failure is never fatal.
/// </summary>
internal sealed class StatsdSender : IDisposable
{
    /// <summary>How often a dead address is tried again: a statsd that comes back is found within this.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly StatsdSettings _settings;
    private readonly string _prefix;
    private Socket? _socket;
    private long _dropped;
    private long _retryAt;
    private int _connecting;
    private bool _disposed;

    /// <summary>Connects at once, as Gunicorn does, so the first metrics are not lost; a failure is retried later, off the caller's thread.</summary>
    public StatsdSender(StatsdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _prefix = StatsdLine.Prefix(settings.Prefix);
        _socket = TryConnect();
        _retryAt = Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds;
    }

    /// <summary>Metrics dropped so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Increment(string name, long value = 1) => Send(StatsdLine.Counter(_prefix, name, value, _settings.Tags));

    /// <returns>Whether the datagram went; a gauge not sent is worth sending again, unlike a counter.</returns>
    public bool Gauge(string name, long value) => Send(StatsdLine.Gauge(_prefix, name, value, _settings.Tags));

    public void Timer(string name, TimeSpan duration) => Send(StatsdLine.Timer(_prefix, name, duration, _settings.Tags));

    private bool Send(byte[] datagram)
    {
        var socket = Volatile.Read(ref _socket);
        if (socket is null)
        {
            Interlocked.Increment(ref _dropped);
            ReconnectLater();
            return false;
        }

        try
        {
            if (socket.Send(datagram, SocketFlags.None) == datagram.Length)
            {
                return true;
            }
        }
        catch (SocketException e) when (_settings.Address.IsUnix && e.SocketErrorCode != SocketError.WouldBlock)
        {
            // The statsd daemon went away; a new one binds the path again. Over UDP the socket stays good: a
            // refusal only says nobody listened to the last datagram.
            Interlocked.CompareExchange(ref _socket, null, socket)?.Dispose();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Connects on the thread pool, at most once every <see cref="RetryAfter"/>: resolving a name may take seconds.</summary>
    private void ReconnectLater()
    {
        var now = Environment.TickCount64;
        if (Volatile.Read(ref _disposed) || now < Interlocked.Read(ref _retryAt) || Interlocked.CompareExchange(ref _connecting, 1, 0) != 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            sender =>
            {
                var socket = sender.TryConnect();
                Interlocked.Exchange(ref sender._retryAt, Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds);
                if (socket is not null && (Volatile.Read(ref sender._disposed) || Interlocked.CompareExchange(ref sender._socket, socket, null) is not null))
                {
                    socket.Dispose();
                }

                Volatile.Write(ref sender._connecting, 0);
            },
            this,
            preferLocal: false);
    }

    private Socket? TryConnect()
    {
        var address = _settings.Address;
        Socket? socket = null;
        try
        {
            if (address.Path is not null)
            {
                socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                socket.Connect(new UnixDomainSocketEndPoint(address.Path));
            }
            else
            {
                // Gunicorn's statsd socket is IPv4: a name such as localhost, which is ::1 too, means its IPv4 address
                // first, since connecting a datagram socket succeeds whether or not anyone listens there.
                var ip = Dns.GetHostAddresses(address.Host).OrderBy(a => a.AddressFamily != AddressFamily.InterNetwork).First();
                socket = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(ip, address.Port);
            }

            socket.Blocking = false;
            return socket;
        }
        catch (Exception e) when (e is SocketException or ArgumentException or InvalidOperationException)
        {
            socket?.Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }
}
