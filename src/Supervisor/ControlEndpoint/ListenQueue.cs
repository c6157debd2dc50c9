using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// Reads a listening socket's accept queue with getsockopt(TCP_INFO). For a socket in LISTEN, Linux reports
/// the queue's current length in tcpi_unacked and its maximum in tcpi_sacked (see tcp_get_info in
/// net/ipv4/tcp.c). Unix sockets have no TCP_INFO: they are not read.
/// </summary>
internal static class ListenQueue
{
    private const int IpProtocolTcp = 6;
    private const int TcpInfo = 11;
    private const byte TcpListenState = 10;

    // struct tcp_info: tcpi_state is byte 0; after 8 bytes of u8 fields come four u32 (rto, ato, snd_mss,
    // rcv_mss), then tcpi_unacked and tcpi_sacked. The layout only grows at its end, so these never move.
    private const int UnackedOffset = 24;
    private const int SackedOffset = 28;

    /// <summary>(length, max) of the socket's accept queue, or null when it is not a listening TCP socket or is closed.</summary>
    public static (long Length, long Max)? Read(Socket socket)
    {
        Span<byte> info = stackalloc byte[256];
        int size;
        try
        {
            // The socket's handle is referenced for the call, so a reload closing it at the same moment
            // cannot make this read a reused descriptor.
            size = socket.GetRawSocketOption(IpProtocolTcp, TcpInfo, info);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }

        if (size < SackedOffset + sizeof(uint) || info[0] != TcpListenState)
        {
            return null;
        }

        return (MemoryMarshal.Read<uint>(info[UnackedOffset..]), MemoryMarshal.Read<uint>(info[SackedOffset..]));
    }
}
