using System.Buffers.Binary;
using System.Net;
using System.Text;
using Supervisor.Worker.Proxying;

namespace Worker.Tests.Proxying;

/// <summary>PROXY protocol v1 and v2 headers read as the specification and Gunicorn read them.</summary>
public sealed class ProxyHeaderParserTests
{
    private static readonly byte[] Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static ProxyHeader Parse(string text) => ProxyHeaderParser.Parse(Encoding.ASCII.GetBytes(text));

    /// <summary>A v2 header: version/command byte, family/protocol byte, then the address block and TLVs.</summary>
    internal static byte[] V2(byte versionCommand, byte familyProtocol, params byte[] payload)
    {
        var header = new byte[16 + payload.Length];
        Signature.CopyTo(header, 0);
        header[12] = versionCommand;
        header[13] = familyProtocol;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)payload.Length);
        payload.CopyTo(header, 16);
        return header;
    }

    internal static byte[] Ipv4Block(string source, int sourcePort, string destination, int destinationPort)
    {
        var block = new byte[12];
        IPAddress.Parse(source).GetAddressBytes().CopyTo(block, 0);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(block, 4);
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(8), (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(10), (ushort)destinationPort);
        return block;
    }

    public sealed class Version1
    {
        [Theory]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\nGET / HTTP/1.1\r\n", "203.0.113.7", 51234, 44)]
        [InlineData("PROXY TCP6 2001:db8::7 2001:db8::1 65535 80\r\n", "2001:db8::7", 65535, 45)]
        [InlineData("PROXY TCP4 10.0.0.1 10.0.0.2 0 0\r\n", "10.0.0.1", 0, 34)]
        public void AValidLineGivesTheClientAndItsLength(string text, string client, int port, int length)
        {
            var header = Parse(text);

            Assert.Equal(ProxyHeaderKind.Found, header.Kind);
            Assert.Equal(new IPEndPoint(IPAddress.Parse(client), port), header.Client);
            Assert.Equal(length, header.Length);
        }

        [Fact]
        public void UnknownKeepsThePeerAndIsConsumedWithWhatFollowsOnItsLine()
        {
            var header = Parse("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\nGET");

            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 35), header);
            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 15), Parse("PROXY UNKNOWN\r\n"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("P")]
        [InlineData("PROXY")]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 51234 44")]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r")]
        public void AStartThatCouldStillBeAHeaderNeedsMore(string text)
        {
            Assert.Equal(ProxyHeaderKind.Incomplete, Parse(text).Kind);
        }

        [Theory]
        [InlineData("GET / HTTP/1.1\r\n")]
        [InlineData("PRI * HTTP/2.0\r\n")]
        [InlineData("PROXYGET /")]
        [InlineData("\u0016\u0003\u0001")]
        public void AnythingElseIsAPlainConnection(string text)
        {
            Assert.Equal(ProxyHeader.Absent, Parse(text));
        }

        [Theory]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 51234\r\n", "Invalid PROXY line: 'PROXY TCP4 203.0.113.7 192.0.2.1 51234'")]
        [InlineData("PROXY UDP4 203.0.113.7 192.0.2.1 1 2\r\n", "Invalid PROXY line: protocol 'UDP4' not supported")]
        [InlineData("PROXY TCP4 2001:db8::7 192.0.2.1 1 2\r\n", "Invalid PROXY line: 'PROXY TCP4 2001:db8::7 192.0.2.1 1 2'")]
        [InlineData("PROXY TCP6 203.0.113.7 2001:db8::1 1 2\r\n", "Invalid PROXY line: 'PROXY TCP6 203.0.113.7 2001:db8::1 1 2'")]
        [InlineData("PROXY TCP4 127.1 192.0.2.1 1 2\r\n", "Invalid PROXY line: 'PROXY TCP4 127.1 192.0.2.1 1 2'")]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 65536 443\r\n", "Invalid PROXY line: invalid port 'PROXY TCP4 203.0.113.7 192.0.2.1 65536 443'")]
        [InlineData("PROXY TCP4 203.0.113.7 192.0.2.1 -1 443\r\n", "Invalid PROXY line: invalid port 'PROXY TCP4 203.0.113.7 192.0.2.1 -1 443'")]
        [InlineData("PROXY TCP4  203.0.113.7 192.0.2.1 1 2\r\n", "Invalid PROXY line: 'PROXY TCP4  203.0.113.7 192.0.2.1 1 2'")]
        [InlineData("PROXY TCP4 203.0.113.7\u0000 192.0.2.1 1 2\r\n", "Invalid PROXY line: not printable text")]
        public void AMalformedLineIsInvalidAndSaysWhy(string text, string problem)
        {
            Assert.Equal(ProxyHeader.Invalid(problem), Parse(text));
        }

        [Fact]
        public void ALineWithoutCrlfWithin107BytesIsInvalidWithoutWaitingForMore()
        {
            var line = "PROXY TCP6 " + new string('f', 96);

            Assert.Equal(ProxyHeaderKind.Incomplete, Parse(line[..106]).Kind);
            Assert.Equal(ProxyHeader.Invalid("Invalid PROXY line: no CRLF within 107 bytes"), Parse(line + "\r\n"));
        }

        [Fact]
        public void TheLongestLineTheSpecificationAllowsFits()
        {
            var line = "PROXY UNKNOWN ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";

            Assert.Equal(107, line.Length);
            Assert.Equal(ProxyHeaderKind.Found, Parse(line).Kind);
        }
    }

    public sealed class Version2
    {
        [Fact]
        public void AnIpv4HeaderGivesTheSourceAddressAndPort()
        {
            var bytes = V2(0x21, 0x11, Ipv4Block("203.0.113.7", 51234, "192.0.2.1", 443));

            var header = ProxyHeaderParser.Parse([.. bytes, .. "GET"u8]);

            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 28, new IPEndPoint(IPAddress.Parse("203.0.113.7"), 51234)), header);
        }

        [Fact]
        public void AnIpv6HeaderGivesTheSourceAddressAndPort()
        {
            var block = new byte[36];
            IPAddress.Parse("2001:db8::7").GetAddressBytes().CopyTo(block, 0);
            IPAddress.Parse("2001:db8::1").GetAddressBytes().CopyTo(block, 16);
            BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(32), 40000);
            BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(34), 443);

            var header = ProxyHeaderParser.Parse(V2(0x21, 0x21, block));

            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 52, new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40000)), header);
        }

        [Fact]
        public void TlvsAfterTheAddressesAreSkipped()
        {
            // PP2_TYPE_AUTHORITY "example.com", then PP2_TYPE_NOOP with three bytes.
            byte[] tlvs = [0x02, 0x00, 0x0B, .. "example.com"u8, 0x04, 0x00, 0x03, 1, 2, 3];
            var bytes = V2(0x21, 0x11, [.. Ipv4Block("198.51.100.4", 1234, "192.0.2.1", 80), .. tlvs]);

            var header = ProxyHeaderParser.Parse(bytes);

            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, bytes.Length, new IPEndPoint(IPAddress.Parse("198.51.100.4"), 1234)), header);
        }

        [Fact]
        public void LocalAndUnspecifiedKeepThePeer()
        {
            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 16), ProxyHeaderParser.Parse(V2(0x20, 0x00)));
            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 28), ProxyHeaderParser.Parse(V2(0x20, 0x11, Ipv4Block("203.0.113.7", 1, "192.0.2.1", 2))));
            Assert.Equal(new ProxyHeader(ProxyHeaderKind.Found, 19), ProxyHeaderParser.Parse(V2(0x21, 0x00, 0x04, 0x00, 0x00)));
        }

        [Fact]
        public void ATruncatedHeaderNeedsMore()
        {
            var bytes = V2(0x21, 0x11, Ipv4Block("203.0.113.7", 51234, "192.0.2.1", 443));

            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Equal(ProxyHeaderKind.Incomplete, ProxyHeaderParser.Parse(bytes.AsSpan(0, length)).Kind);
            }
        }

        [Theory]
        [InlineData(0x11, 0x11, 12, "Invalid PROXY header: unsupported version 1")]
        [InlineData(0x22, 0x11, 12, "Invalid PROXY header: unsupported command 2")]
        [InlineData(0x21, 0x12, 12, "Invalid PROXY header: only TCP protocol is supported")]
        [InlineData(0x21, 0x11, 8, "Invalid PROXY header: insufficient address data for IPv4")]
        [InlineData(0x21, 0x21, 12, "Invalid PROXY header: insufficient address data for IPv6")]
        [InlineData(0x21, 0x31, 12, "Invalid PROXY header: unsupported address family 3")]
        public void AnUnsupportedOrShortHeaderIsInvalidAndSaysWhy(byte versionCommand, byte familyProtocol, int payload, string problem)
        {
            Assert.Equal(ProxyHeader.Invalid(problem), ProxyHeaderParser.Parse(V2(versionCommand, familyProtocol, new byte[payload])));
        }

        [Fact]
        public void AnOversizedHeaderIsInvalidFromItsFirst16Bytes()
        {
            var bytes = V2(0x21, 0x11, new byte[ProxyHeaderParser.MaxV2Payload + 1]);

            Assert.Equal(ProxyHeader.Invalid("Invalid PROXY header: 2065 bytes, more than the 2064 accepted"), ProxyHeaderParser.Parse(bytes.AsSpan(0, 16)));
            Assert.Equal(ProxyHeaderKind.Found, ProxyHeaderParser.Parse(V2(0x21, 0x11, new byte[ProxyHeaderParser.MaxV2Payload])).Kind);
        }

        [Fact]
        public void GarbageAfterTheSignatureIsInvalid()
        {
            byte[] garbage = [.. Signature, 0xFF, 0xFF, 0xFF, 0xFF];

            Assert.Equal(ProxyHeader.Invalid("Invalid PROXY header: unsupported version 15"), ProxyHeaderParser.Parse(garbage));
        }
    }
}
