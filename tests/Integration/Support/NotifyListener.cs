using System.Net.Sockets;
using System.Text;

namespace Integration.Support;

/// <summary>What systemd is to a Type=notify service: a unix datagram socket (NOTIFY_SOCKET) that keeps every message.</summary>
public sealed class NotifyListener : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<string> _heard = [];
    private readonly Task _listening;

    public NotifyListener()
    {
        Path = System.IO.Path.Combine(_folder.Path, "notify");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        _listening = Task.Run(Listen);
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string Path { get; }

    public string[] Heard
    {
        get
        {
            lock (_heard)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>Stops listening once every message sent so far has been read.</summary>
    public async Task StopAsync()
    {
        _socket.Dispose();
        await _listening;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _folder.Dispose();
    }

    private void Listen()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = _socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_heard)
            {
                _heard.Add(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
    }
}
