using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Integration.Support;

namespace Integration;

/// <summary>
/// proxy_protocol, applied by the Worker library to an app that knows nothing of proxies: raw connections open with
/// a PROXY header as nginx's stream proxy or HAProxy would send it (tests/Apps/PlainWebApp answers /client with the
/// address and scheme it sees).
/// </summary>
public sealed class ProxyProtocolTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string Config(int port, string more = "") =>
        $"app = [\"dotnet\", \"{Binaries.PlainWebApp}\"]\nbind = \"127.0.0.1:{port}\"\nworkers = 1\naccesslog = \"-\"\nproxy_protocol = true\n{more}";

    private static byte[] V2Ipv6(string client, int clientPort, int port)
    {
        byte[] header = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x21, 0, 0, .. new byte[36 + 7]];
        // 36 bytes of addresses and ports, then a PP2_TYPE_NOOP TLV of four bytes, which must be skipped.
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 36 + 7);
        IPAddress.Parse(client).GetAddressBytes().CopyTo(header, 16);
        IPAddress.IPv6Loopback.GetAddressBytes().CopyTo(header, 32);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(48), (ushort)clientPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(50), (ushort)port);
        header[52] = 0x04;
        header[54] = 4;
        return header;
    }

    private static async Task<MasterRun> StartAsync(int port, string more = "")
    {
        var master = MasterRun.Start(Config(port, more));
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(60), $"the worker:\n{master.Output}");
        return master;
    }

    [Fact]
    public async Task AV1OrV2HeaderGivesTheAppAndTheAccessLogTheClient()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(port);

        var v1 = await RawHttp.ExchangeAsync(port, Encoding.ASCII.GetBytes($"PROXY TCP4 203.0.113.7 127.0.0.1 51234 {port}\r\n{RawHttp.Request("/client")}"), Deadline);
        var v2 = await RawHttp.ExchangeAsync(port, [.. V2Ipv6("2001:db8::7", 40000, port), .. Encoding.ASCII.GetBytes(RawHttp.Request("/client"))], Deadline);
        var plain = await RawHttp.GetAsync(port, "/client", Deadline);

        // The app's answer is chunked, so its text stands on a line of its own.
        Assert.Contains("\r\n203.0.113.7 http\r\n", v1, StringComparison.Ordinal);
        Assert.Contains("\r\n2001:db8::7 http\r\n", v2, StringComparison.Ordinal);
        // Without a header the connection is served as it is, as Gunicorn does.
        Assert.Contains("\r\n127.0.0.1 http\r\n", plain, StringComparison.Ordinal);
        await master.WaitForLineAsync(@"^203\.0\.113\.7 - - \[.+\] ""GET /client HTTP/1\.1"" 200 ");
        await master.WaitForLineAsync(@"^2001:db8::7 - - \[.+\] ""GET /client HTTP/1\.1"" 200 ");
    }

    [Fact]
    public async Task AMalformedHeaderIsAnsweredWith400AndClosedAndTheWorkerServesOn()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(port);
        var worker = Assert.Single(master.LiveWorkerPids);

        var answer = await RawHttp.ExchangeAsync(port, Encoding.ASCII.GetBytes($"PROXY TCP4 not-an-address 127.0.0.1 1 2\r\n{RawHttp.Request("/client")}"), Deadline);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1 http", answer, StringComparison.Ordinal);
        await master.WaitForLineAsync(@"Invalid request from ip=127\.0\.0\.1: Invalid PROXY line: 'PROXY TCP4 not-an-address 127\.0\.0\.1 1 2'");
        Assert.Contains("\r\n198.51.100.2 http\r\n", await RawHttp.ExchangeAsync(port, Encoding.ASCII.GetBytes($"PROXY TCP4 198.51.100.2 127.0.0.1 1 {port}\r\n{RawHttp.Request("/client")}"), Deadline), StringComparison.Ordinal);
        Assert.Equal([worker], master.LiveWorkerPids);
    }

    [Fact]
    public async Task AHeaderFromAPeerNotAllowedIsRefusedWith403()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(port, "proxy_allow_ips = \"10.0.0.0/8\"\n");

        var answer = await RawHttp.ExchangeAsync(port, Encoding.ASCII.GetBytes($"PROXY TCP4 203.0.113.7 127.0.0.1 51234 {port}\r\n{RawHttp.Request("/client")}"), Deadline);

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);
        await master.WaitForLineAsync(@"Invalid request from ip=127\.0\.0\.1: Proxy request from '127\.0\.0\.1' not allowed");
    }

    [Fact]
    public async Task APeerThatSendsNothingIsDropped()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(port);

        // ExchangeAsync sends nothing and returns only once the worker closes; it throws if that takes the whole deadline.
        var answer = await RawHttp.ExchangeAsync(port, [], Deadline);
        var halfHeader = await RawHttp.ExchangeAsync(port, Encoding.ASCII.GetBytes("PROXY TCP4 203.0.113.7"), Deadline);

        Assert.Equal("", answer);
        Assert.Equal("", halfHeader);
        Assert.Single(master.LiveWorkerPids);
    }

    [Fact]
    public async Task OverTlsTheHeaderComesBeforeTheHandshake()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var (cert, key) = await certificates.ServerAsync("proxied");
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, $"loglevel = \"debug\"\ncertfile = \"{cert}\"\nkeyfile = \"{key}\"\n"));
        await master.WaitForReadyWorkersAsync(1);

        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(Deadline);
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"PROXY TCP4 203.0.113.7 127.0.0.1 51234 {port}\r\n"), cancel.Token);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancel.Token);
        await tls.WriteAsync(Encoding.ASCII.GetBytes(RawHttp.Request("/client")), cancel.Token);
        using var reader = new StreamReader(tls);
        var answer = await reader.ReadToEndAsync(cancel.Token);

        Assert.Contains("\r\n203.0.113.7 https\r\n", answer, StringComparison.Ordinal);
    }
}
