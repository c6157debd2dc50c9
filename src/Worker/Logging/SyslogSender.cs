using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Supervisor.Worker.Logging;

/// <summary>
/// Sends RFC 5424 messages to one syslog address without ever making the caller wait: a datagram (UDP, unix
/// datagram socket) is sent on a non-blocking socket and dropped when it cannot go at once; a stream (TCP, unix
/// stream socket) is queued, up to <see cref="QueueLimit"/> messages, for a thread of its own that connects and
/// writes, and a message that finds the queue full is dropped. Dropped messages are counted, and the count is sent
/// once the address takes messages again.
/// </summary>
internal sealed class SyslogSender : IDisposable
{
    /// <summary>Bounds what a dead or slow syslog can hold of the process's memory: about 8 MB.</summary>
    public const int QueueLimit = 1000;

    /// <summary>rsyslog's default largest message; RFC 5424 asks receivers for at least 2048 octets.</summary>
    public const int MaxMessageBytes = 8192;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(5);

    private readonly SyslogSettings _settings;
    private readonly string _appName;
    private readonly Channel<byte[]>? _queue;
    private readonly Thread? _writer;
    private Socket? _socket;
    private long _dropped;
    private long _reported;
    private long _retryAt;

    public SyslogSender(SyslogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _appName = SyslogMessage.AppName(settings.AppName);
        var type = settings.Address.Type;
        if (type is null)
        {
            // unix://PATH without #dgram or #stream: whichever the socket is, as Python's SysLogHandler finds out.
            _socket = TryConnect(SocketType.Dgram, out var error);
            type = error == SocketError.ProtocolType ? SocketType.Stream : SocketType.Dgram;
        }
        else if (type == SocketType.Dgram)
        {
            _socket = TryConnect(SocketType.Dgram, out _);
        }

        if (type == SocketType.Stream)
        {
            _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueLimit) { SingleReader = true });
            _writer = new Thread(WriteQueue) { IsBackground = true, Name = "syslog" };
            _writer.Start();
        }
    }

    /// <summary>Messages dropped so far: the queue was full, or the address did not take them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Send(int severity, string msgId, int pid, string message)
    {
        var bytes = SyslogMessage.Format(_settings.Facility, severity, DateTimeOffset.Now, _appName, pid, msgId, message);
        if (bytes.Length > MaxMessageBytes)
        {
            Array.Resize(ref bytes, MaxMessageBytes);
        }

        if (_queue is not null)
        {
            if (!_queue.Writer.TryWrite(bytes))
            {
                Interlocked.Increment(ref _dropped);
            }

            return;
        }

        SendDatagram(bytes);
    }

    private void SendDatagram(byte[] bytes)
    {
        var socket = Volatile.Read(ref _socket) ?? Reconnect();
        try
        {
            if (socket is not null && socket.Send(bytes, SocketFlags.None) == bytes.Length)
            {
                return;
            }
        }
        catch (SocketException e) when (_settings.Address.IsUnix && e.SocketErrorCode != SocketError.WouldBlock)
        {
            // The syslog daemon went away; a new one binds the path again.
            Interlocked.CompareExchange(ref _socket, null, socket)?.Dispose();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        Interlocked.Increment(ref _dropped);
    }

    /// <summary>A new datagram socket, at most once every <see cref="RetryAfter"/>, so a dead address costs nothing more.</summary>
    private Socket? Reconnect()
    {
        var now = Environment.TickCount64;
        var retryAt = Interlocked.Read(ref _retryAt);
        if (now < retryAt || Interlocked.CompareExchange(ref _retryAt, now + (long)RetryAfter.TotalMilliseconds, retryAt) != retryAt)
        {
            return null;
        }

        var socket = TryConnect(SocketType.Dgram, out _);
        if (socket is not null && Interlocked.CompareExchange(ref _socket, socket, null) is { } other)
        {
            socket.Dispose();
            return other;
        }

        if (socket is not null)
        {
            ReportDrops(bytes => socket.Send(bytes, SocketFlags.None));
        }

        return socket;
    }

    private Socket? TryConnect(SocketType type, out SocketError error)
    {
        var address = _settings.Address;
        Socket? socket = null;
        try
        {
            if (address.Path is not null)
            {
                socket = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
                socket.Connect(new UnixDomainSocketEndPoint(address.Path));
            }
            else
            {
                socket = new Socket(type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
                using var timeout = new CancellationTokenSource(StreamTimeout);
                socket.ConnectAsync(address.Host, address.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
            }

            socket.Blocking = type == SocketType.Stream;
            socket.SendTimeout = (int)StreamTimeout.TotalMilliseconds;
            error = SocketError.Success;
            return socket;
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            error = e.SocketErrorCode;
            return null;
        }
        catch (OperationCanceledException)
        {
            socket?.Dispose();
            error = SocketError.TimedOut;
            return null;
        }
    }

    /// <summary>The stream's thread: connects when it has to, and writes each message framed by octet counting (RFC 6587).</summary>
    private void WriteQueue()
    {
        var reader = _queue!.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var message))
            {
                if (_socket is null && Environment.TickCount64 >= _retryAt)
                {
                    _socket = TryConnect(SocketType.Stream, out _);
                    _retryAt = Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds;
                    ReportDrops(WriteFramed);
                }

                try
                {
                    if (_socket is not null)
                    {
                        WriteFramed(message);
                        continue;
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    _socket?.Dispose();
                    _socket = null;
                }

                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private void WriteFramed(byte[] message)
    {
        var socket = _socket!;
        socket.Send(Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "));
        socket.Send(message);
    }

    /// <summary>Says how many messages were lost, once a connection takes messages again.</summary>
    private void ReportDrops(Action<byte[]> send)
    {
        var dropped = Interlocked.Read(ref _dropped);
        var reported = Interlocked.Exchange(ref _reported, dropped);
        if (_socket is null || dropped == reported)
        {
            return;
        }

        var text = $"{dropped - reported} syslog messages were dropped: {_settings.Address} did not take them in time.";
        try
        {
            send(SyslogMessage.Format(_settings.Facility, SyslogMessage.Severity(Serilog.Events.LogEventLevel.Warning), DateTimeOffset.Now, _appName, Environment.ProcessId, SyslogMessage.ErrorLog, text));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Sends what is queued, for up to a second, then closes.</summary>
    public void Dispose()
    {
        if (_queue is not null)
        {
            _queue.Writer.TryComplete();
            _writer!.Join(TimeSpan.FromSeconds(1));
        }

        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }
}
