using System.Net;
using System.Net.Sockets;

namespace TestSupport;

public static class FreePort
{
    /// <summary>A port nothing listens on right now, chosen by the kernel.</summary>
    public static int Next(IPAddress? address = null)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
