using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Supervisor.Worker.Proxying;
using Supervisor.Worker.Requests;
using Worker.Tests.Support;

namespace Worker.Tests.Proxying;

/// <summary>What a connection looks like to TLS and HTTP after the PROXY header has been read off it.</summary>
public sealed class ProxyProtocolMiddlewareTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 40000);

    private readonly List<string> _log = [];
    private EndPoint? _seenPeer;
    private string? _seenBytes;

    private async Task<string> RunAsync(byte[] sent, IPEndPoint peer, string allowed = "127.0.0.1,::1", bool cleartext = true, bool close = true, Exception? reset = null)
    {
        var input = new Pipe();
        var output = new Pipe();
        using var closed = new CancellationTokenSource();
        var connection = new DefaultConnectionContext("c1", new Duplex(input.Reader, output.Writer), new Duplex(output.Reader, input.Writer))
        {
            RemoteEndPoint = peer,
            ConnectionClosed = closed.Token,
        };
        await input.Writer.WriteAsync(sent);
        if (close)
        {
            await input.Writer.CompleteAsync(reset);
        }

        var middleware = new ProxyProtocolMiddleware(
            async next =>
            {
                _seenPeer = next.RemoteEndPoint;
                var result = await next.Transport.Input.ReadAtLeastAsync(int.MaxValue);
                _seenBytes = Encoding.ASCII.GetString(result.Buffer);
            },
            AllowedPeers.Parse("proxy_allow_ips", allowed),
            cleartext,
            new ObservingLogger(_log.Add),
            TimeSpan.FromMilliseconds(200));

        await middleware.OnConnectionAsync(connection);
        await output.Writer.CompleteAsync();
        var answer = await output.Reader.ReadAtLeastAsync(int.MaxValue);
        return Encoding.ASCII.GetString(answer.Buffer);
    }

    [Fact]
    public async Task AHeaderFromAnAllowedPeerGivesTheClientAndIsConsumed()
    {
        var answer = await RunAsync(Encoding.ASCII.GetBytes("PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\nGET / HTTP/1.1\r\n\r\n"), Loopback);

        Assert.Equal("", answer);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 51234), _seenPeer);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", _seenBytes);
    }

    [Fact]
    public async Task AConnectionWithoutAHeaderIsPassedOnUntouched()
    {
        await RunAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"), new IPEndPoint(IPAddress.Parse("198.51.100.9"), 1234));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.9"), 1234), _seenPeer);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", _seenBytes);
    }

    [Fact]
    public async Task LocalKeepsThePeer()
    {
        await RunAsync([.. ProxyHeaderParserTests.V2(0x20, 0x00), .. "GET"u8], Loopback);

        Assert.Equal(Loopback, _seenPeer);
        Assert.Equal("GET", _seenBytes);
    }

    [Fact]
    public async Task AHeaderFromAPeerNotAllowedIsRefusedWith403AsGunicornDoes()
    {
        var answer = await RunAsync(Encoding.ASCII.GetBytes("PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\n"), new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5555));

        Assert.Null(_seenBytes);
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Request forbidden", answer, StringComparison.Ordinal);
        Assert.Equal(["Invalid request from ip=10.1.2.3: Proxy request from '10.1.2.3' not allowed"], _log);
    }

    [Fact]
    public async Task AMalformedHeaderIsRefusedWith400AndLogged()
    {
        var answer = await RunAsync(Encoding.ASCII.GetBytes("PROXY TCP4 nobody 192.0.2.1 1 2\r\n"), Loopback);

        Assert.Null(_seenBytes);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        Assert.Equal(["Invalid request from ip=127.0.0.1: Invalid PROXY line: 'PROXY TCP4 nobody 192.0.2.1 1 2'"], _log);
    }

    [Fact]
    public async Task OverTlsARefusalOnlyClosesTheConnection()
    {
        var answer = await RunAsync(Encoding.ASCII.GetBytes("PROXY TCP9\r\n"), Loopback, cleartext: false);

        Assert.Equal("", answer);
        Assert.Null(_seenBytes);
        Assert.Single(_log);
    }

    [Fact]
    public async Task APeerThatSendsNothingIsDroppedAtTheDeadline()
    {
        var answer = await RunAsync([], Loopback, close: false);

        Assert.Equal("", answer);
        Assert.Null(_seenBytes);
        Assert.Equal(["No PROXY header or request from ip=127.0.0.1 within 0 seconds: connection closed"], _log);
    }

    [Fact]
    public async Task APeerThatStopsInTheMiddleOfAHeaderIsDroppedAtTheDeadline()
    {
        await RunAsync(Encoding.ASCII.GetBytes("PROXY TCP4 203.0.113.7"), Loopback, close: false);

        Assert.Null(_seenBytes);
        Assert.Single(_log);
    }

    [Fact]
    public async Task APeerThatResetsInTheMiddleOfAHeaderCostsOneDebugLineAndNoException()
    {
        // Kestrel's socket transport completes the input with a ConnectionResetException, an IOException.
        var answer = await RunAsync("PROX"u8.ToArray(), Loopback, reset: new IOException("Connection reset by peer"));

        Assert.Equal("", answer);
        Assert.Null(_seenBytes);
        Assert.Equal(["Connection from ip=127.0.0.1 ended before its PROXY header was read or answered: Connection reset by peer"], _log);
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
