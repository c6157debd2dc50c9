using System.Net;
using System.Net.Sockets;
using Supervisor.ControlEndpoint;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.ControlEndpoint;

/// <summary>TCP_INFO on real sockets: the accept queue of a listener nobody accepts on.</summary>
public sealed class ListenQueueTests
{
    private static Socket Listening(int backlog)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(backlog);
        return socket;
    }

    [Fact]
    public async Task ReadsTheQueuedConnectionsAndTheBacklog()
    {
        using var listener = Listening(backlog: 16);
        Assert.Equal((0, 16), ListenQueue.Read(listener));

        var clients = Enumerable.Range(0, 3).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToList();
        try
        {
            foreach (var client in clients)
            {
                await client.ConnectAsync(listener.LocalEndPoint!);
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (ListenQueue.Read(listener)?.Length != 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.Equal((3, 16), ListenQueue.Read(listener));
            using var accepted = await listener.AcceptAsync();
            Assert.Equal((2, 16), ListenQueue.Read(listener));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void ReadsNothingFromAUnixSocket()
    {
        using var folder = new TempDirectory();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(folder.Combine("a.sock")));
        socket.Listen(8);

        Assert.Null(ListenQueue.Read(socket));
    }

    [Fact]
    public void ReadsNothingFromASocketThatIsNotListening()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Null(ListenQueue.Read(socket));
    }

    [Fact]
    public void ReadsNothingFromAClosedSocket()
    {
        var listener = Listening(backlog: 4);
        listener.Dispose();

        Assert.Null(ListenQueue.Read(listener));
    }
}
