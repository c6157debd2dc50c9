using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Worker.Proxying;

/// <summary>
/// Reads a PROXY protocol header, v1 (text) or v2 (binary), from the first bytes of a connection, as HAProxy's
/// proxy-protocol.txt defines them and Gunicorn reads them. Pure: bytes in, a verdict out.
/// </summary>
internal static class ProxyHeaderParser
{
    /// <summary>The v1 bound from the specification: "PROXY TCP6", two full IPv6 addresses, two ports, CRLF.</summary>
    public const int MaxV1Length = 107;

    /// <summary>
    /// The most address and TLV bytes a v2 header may carry. The format allows 65535; HAProxy's TLVs (ALPN,
    /// authority, unique id, TLS details) fit well within this, and a worker does not buffer 64 KiB per connection
    /// on a peer's word.
    /// </summary>
    public const int MaxV2Payload = 2048;

    /// <summary>The 16 fixed bytes of a v2 header: signature, version and command, family and protocol, length.</summary>
    public const int V2FixedLength = 16;

    /// <summary>The most bytes a header may take; more are never needed to decide.</summary>
    public const int MaxLength = V2FixedLength + MaxV2Payload;

    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;

    public static ProxyHeader Parse(ReadOnlySpan<byte> data)
    {
        // An empty or short start that matches a prefix so far could still become a header.
        if (StartsLike(data, V2Signature))
        {
            return data.Length < V2FixedLength ? ProxyHeader.Incomplete : ParseV2(data);
        }

        if (StartsLike(data, V1Prefix))
        {
            return data.Length < V1Prefix.Length ? ProxyHeader.Incomplete : ParseV1(data);
        }

        return ProxyHeader.Absent;
    }

    private static bool StartsLike(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix)
    {
        var length = Math.Min(data.Length, prefix.Length);
        return data[..length].SequenceEqual(prefix[..length]);
    }

    private static ProxyHeader ParseV1(ReadOnlySpan<byte> data)
    {
        var end = data[..Math.Min(data.Length, MaxV1Length)].IndexOf("\r\n"u8);
        if (end < 0)
        {
            return data.Length >= MaxV1Length ? ProxyHeader.Invalid($"Invalid PROXY line: no CRLF within {MaxV1Length} bytes") : ProxyHeader.Incomplete;
        }

        var bytes = data[..end];
        if (bytes.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return ProxyHeader.Invalid("Invalid PROXY line: not printable text");
        }

        var line = Encoding.ASCII.GetString(bytes);
        var bits = line.Split(' ');
        if (bits[1] == "UNKNOWN")
        {
            // The proxy could not tell the client (a health check, another family): the peer's address stands.
            return new ProxyHeader(ProxyHeaderKind.Found, end + 2);
        }

        if (bits.Length != 6)
        {
            return ProxyHeader.Invalid($"Invalid PROXY line: '{line}'");
        }

        var family = bits[1] switch
        {
            "TCP4" => AddressFamily.InterNetwork,
            "TCP6" => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        if (family == AddressFamily.Unknown)
        {
            return ProxyHeader.Invalid($"Invalid PROXY line: protocol '{bits[1]}' not supported");
        }

        if (Address(bits[2], family) is not { } source || Address(bits[3], family) is null)
        {
            return ProxyHeader.Invalid($"Invalid PROXY line: '{line}'");
        }

        if (Port(bits[4]) is not { } sourcePort || Port(bits[5]) is null)
        {
            return ProxyHeader.Invalid($"Invalid PROXY line: invalid port '{line}'");
        }

        return new ProxyHeader(ProxyHeaderKind.Found, end + 2, new IPEndPoint(source, sourcePort));
    }

    /// <summary>An address as inet_pton reads it: dotted decimal for TCP4, colons (no zone) for TCP6.</summary>
    private static IPAddress? Address(string text, AddressFamily family)
    {
        var shaped = family == AddressFamily.InterNetwork
            ? text.Count(c => c == '.') == 3 && text.All(c => c == '.' || char.IsAsciiDigit(c))
            : text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal);
        return shaped && IPAddress.TryParse(text, out var address) && address.AddressFamily == family ? address : null;
    }

    private static int? Port(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var port and <= 65535 ? port : null;

    private static ProxyHeader ParseV2(ReadOnlySpan<byte> data)
    {
        var version = data[12] >> 4;
        var command = data[12] & 0x0F;
        if (version != 2)
        {
            return ProxyHeader.Invalid($"Invalid PROXY header: unsupported version {version}");
        }

        // 0 is LOCAL (the proxy's own connection, a health check), 1 is PROXY.
        if (command > 1)
        {
            return ProxyHeader.Invalid($"Invalid PROXY header: unsupported command {command}");
        }

        var payload = BinaryPrimitives.ReadUInt16BigEndian(data[14..]);
        var length = V2FixedLength + payload;
        if (length > MaxLength)
        {
            return ProxyHeader.Invalid($"Invalid PROXY header: {length} bytes, more than the {MaxLength} accepted");
        }

        if (data.Length < length)
        {
            return ProxyHeader.Incomplete;
        }

        var family = data[13] >> 4;
        var protocol = data[13] & 0x0F;
        if (command == 0 || family == 0)
        {
            // LOCAL, or PROXY with AF_UNSPEC: no client is carried; whatever follows (TLVs) is skipped.
            return new ProxyHeader(ProxyHeaderKind.Found, length);
        }

        if (protocol != 1)
        {
            return ProxyHeader.Invalid("Invalid PROXY header: only TCP protocol is supported");
        }

        // The addresses and ports come first; TLVs after them, up to the length, are skipped.
        var block = data[V2FixedLength..length];
        return family switch
        {
            1 when block.Length < 12 => ProxyHeader.Invalid("Invalid PROXY header: insufficient address data for IPv4"),
            1 => new ProxyHeader(ProxyHeaderKind.Found, length, new IPEndPoint(new IPAddress(block[..4]), BinaryPrimitives.ReadUInt16BigEndian(block[8..]))),
            2 when block.Length < 36 => ProxyHeader.Invalid("Invalid PROXY header: insufficient address data for IPv6"),
            2 => new ProxyHeader(ProxyHeaderKind.Found, length, new IPEndPoint(new IPAddress(block[..16]), BinaryPrimitives.ReadUInt16BigEndian(block[32..]))),
            _ => ProxyHeader.Invalid($"Invalid PROXY header: unsupported address family {family}"),
        };
    }
}
