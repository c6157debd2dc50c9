using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Requests;

namespace Supervisor.Worker.Proxying;

/// <summary>
/// Gunicorn's proxy_protocol as Kestrel connection middleware, ahead of TLS and HTTP: a connection that opens with
/// a PROXY header from a peer in proxy_allow_ips takes the client address the header carries as its remote
/// endpoint, so the app, forwarded_allow_ips and the access log all see the client.
/// </summary>
/// <remarks>
/// As in Gunicorn the header is optional: a connection that does not open with one is passed on untouched, its
/// bytes unconsumed. A header from any other peer is refused with 403, a malformed one with 400, and the connection
/// closed; over TLS there is no one to read an HTTP answer, so it is only closed.
/// </remarks>
internal sealed class ProxyProtocolMiddleware
{
    /// <summary>
    /// How long a new connection has to show its header, or to show it has none. A proxy writes the header as it
    /// connects; without a bound, a peer that sends nothing would hold the connection (and a worker_connections
    /// place) before Kestrel's own timeouts start.
    /// </summary>
    public static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(5);

    private readonly ConnectionDelegate _next;
    private readonly AllowedPeers _allowed;
    private readonly bool _cleartext;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;

    public ProxyProtocolMiddleware(ConnectionDelegate next, AllowedPeers allowed, bool cleartext, ILogger logger)
        : this(next, allowed, cleartext, logger, HeaderTimeout)
    {
    }

    internal ProxyProtocolMiddleware(ConnectionDelegate next, AllowedPeers allowed, bool cleartext, ILogger logger, TimeSpan timeout)
    {
        _next = next;
        _allowed = allowed;
        _cleartext = cleartext;
        _logger = logger;
        _timeout = timeout;
    }

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var peer = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        ProxyHeader header;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            deadline.CancelAfter(_timeout);
            try
            {
                header = await ReadAsync(connection.Transport.Input, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var ip = Ip(peer);
                var seconds = (int)_timeout.TotalSeconds;
                ProxyProtocolLog.Silent(_logger, ip, seconds);
                return;
            }
            catch (IOException e)
            {
                // A peer that resets the connection before its header is whole costs one Debug line, as a reset costs
                // in Kestrel's own HTTP layer: it must not buy an Error line with a stack trace.
                var ip = Ip(peer);
                ProxyProtocolLog.Reset(_logger, ip, e.Message);
                return;
            }
        }

        switch (header.Kind)
        {
            case ProxyHeaderKind.Absent:
                await _next(connection);
                return;
            case ProxyHeaderKind.Incomplete:
                // The peer closed its side in the middle of a header: nothing to answer.
                return;
            case not ProxyHeaderKind.Absent when !_allowed.Trusts(peer):
                // Gunicorn checks the peer before it reads the header, so a stranger is told 403 whatever it sent.
                await RefuseAsync(connection, peer, 403, "Forbidden", $"Proxy request from '{Ip(peer)}' not allowed", "Request forbidden");
                return;
            case ProxyHeaderKind.Invalid:
                await RefuseAsync(connection, peer, 400, "Bad Request", header.Problem!, header.Problem!);
                return;
        }

        if (header.Client is { } client)
        {
            connection.RemoteEndPoint = client;
        }

        await _next(connection);
    }

    /// <summary>
    /// Reads until the start of the connection is a whole header, an invalid one, or plainly none; only a header
    /// found is consumed. Never more than <see cref="ProxyHeaderParser.MaxLength"/> bytes are looked at.
    /// </summary>
    internal static async Task<ProxyHeader> ReadAsync(PipeReader input, CancellationToken cancel)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancel);
            var buffer = result.Buffer;
            var header = Parse(buffer);
            switch (header.Kind)
            {
                case ProxyHeaderKind.Found:
                    input.AdvanceTo(buffer.GetPosition(header.Length));
                    return header;
                case ProxyHeaderKind.Absent:
                    // Nothing consumed nor examined: the next reader (TLS or HTTP) sees the same bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return header;
                case ProxyHeaderKind.Incomplete when !result.IsCompleted:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                default:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    return header;
            }
        }
    }

    private static ProxyHeader Parse(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, ProxyHeaderParser.MaxLength);
        if (buffer.FirstSpan.Length >= length)
        {
            return ProxyHeaderParser.Parse(buffer.FirstSpan[..length]);
        }

        var bytes = new byte[length];
        buffer.Slice(0, length).CopyTo(bytes);
        return ProxyHeaderParser.Parse(bytes);
    }

    private async Task RefuseAsync(ConnectionContext connection, IPAddress? peer, int status, string reason, string error, string message)
    {
        var ip = Ip(peer);
        ProxyProtocolLog.Refused(_logger, ip, error);
        if (_cleartext)
        {
            try
            {
                await connection.Transport.Output.WriteAsync(ProxyRefusal.Response(status, reason, message), connection.ConnectionClosed);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The peer went away before its refusal: it was logged above, and there is no one left to tell.
                ProxyProtocolLog.Reset(_logger, ip, e.Message);
            }
        }
    }

    /// <summary>The peer as Gunicorn names it; a unix socket has no address.</summary>
    private static string Ip(IPAddress? peer) => peer?.ToString() ?? "";
}
