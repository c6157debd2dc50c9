using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Proxying;
using Supervisor.Worker.Requests;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker;

/// <summary>Points Kestrel at the inherited sockets and maps Gunicorn's limits onto Kestrel's.</summary>
internal static class KestrelWiring
{
    /// <summary>Kestrel's default MaxRequestBufferSize; its line and header limits may not exceed it.</summary>
    internal const int RequestBufferSize = 1024 * 1024;

    /// <summary>The CRLF that ends a request line.</summary>
    private const int LineEnd = 2;

    /// <summary>Gunicorn's ceiling for limit_request_fields, used when it is 0 (unlimited).</summary>
    internal const int MaxHeaderCount = 32768;

    /// <summary>
    /// Registers everything as services, so it works the same from the app's builder or from a hosting startup
    /// that runs before Kestrel's own defaults are registered.
    /// </summary>
    public static void Apply(IServiceCollection services, WorkerContract contract, OverriddenUrls overridden)
    {
        // Kestrel calls listen() again on every socket with its own backlog (default 512), which
        // resets the queue all workers share: re-apply the configured one.
        services.Configure<SocketTransportOptions>(options => options.Backlog = contract.Backlog);
        services.AddSingleton(provider => new AcceptGate(provider.GetRequiredService<RequestQuota>(), provider.GetRequiredService<SlotWriter>(), contract.WorkerConnections));
        services.AddSingleton<IConnectionListenerFactory, GatedListenerFactory>();
        // PostConfigure: after the app's ConfigureKestrel and Kestrel's binding of the "Kestrel" configuration section.
        services.AddOptions<KestrelServerOptions>().PostConfigure<ILoggerFactory>((options, loggers) =>
        {
            overridden.DropConfiguredEndpoints(options);
            var proxied = contract.ProxyProtocol ? AllowedPeers.Parse("proxy_allow_ips", contract.ProxyAllowIps) : null;
            var logger = loggers.CreateLogger(WorkerLifetime.LoggerCategory);
            foreach (var fd in contract.ListenFds)
            {
                // The transport wraps the fd without owning it: stopping never closes the shared listener.
                options.ListenHandle((ulong)fd, listen =>
                {
                    listen.Protocols = Protocols(contract);
                    if (proxied is not null)
                    {
                        // First, so the header is read off the raw connection, before any TLS handshake.
                        listen.Use(next => new ProxyProtocolMiddleware(next, proxied, cleartext: contract.Tls is null, logger).OnConnectionAsync);
                    }

                    if (contract.Tls is { } tls)
                    {
                        listen.UseHttps(TlsOptions.Create(tls));
                    }
                });
            }

            ApplyLimits(options.Limits, contract);
        });
        // The drain's linger comes first, out of the same graceful_timeout the master allows.
        services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = contract.GracefulTimeout - WorkerDrain.Linger(contract.KeepAlive, contract.GracefulTimeout));
    }

    internal static void ApplyLimits(KestrelServerLimits limits, WorkerContract contract)
    {
        // Keep-alive 0 means "close after every response", done by the request middleware; Kestrel
        // only takes a positive timeout.
        if (contract.KeepAlive > TimeSpan.Zero)
        {
            limits.KeepAliveTimeout = contract.KeepAlive;
        }

        limits.MaxRequestLineSize = RequestLineSize(contract);
        limits.MaxRequestHeaderCount = contract.LimitRequestFields == 0 ? MaxHeaderCount : contract.LimitRequestFields;
        limits.MaxRequestHeadersTotalSize = HeadersTotalSize(contract);
        limits.Http2.MaxStreamsPerConnection = contract.Http2MaxConcurrentStreams;
        limits.Http2.InitialStreamWindowSize = contract.Http2InitialWindowSize;
        limits.Http2.MaxFrameSize = contract.Http2MaxFrameSize;
    }

    /// <summary>
    /// Over TLS, ALPN picks among the versions asked for. Without TLS there is nothing to negotiate with, and Kestrel
    /// cannot tell HTTP/2's preface from HTTP/1.1 on one socket: a cleartext listener speaks HTTP/2 with prior
    /// knowledge (h2c) only when asked to, and then HTTP/2 alone.
    /// </summary>
    internal static HttpProtocols Protocols(WorkerContract contract) => (contract.Tls, contract.HttpProtocols) switch
    {
        (not null, "h1,h2") => HttpProtocols.Http1AndHttp2,
        (not null, "h2") => HttpProtocols.Http2,
        (null, "h2" or "h1,h2") when contract.Http2Cleartext => HttpProtocols.Http2,
        // Kestrel's default would also offer h2 by ALPN; Gunicorn's http_protocols default is h1 alone.
        _ => HttpProtocols.Http1,
    };

    /// <summary>
    /// Gunicorn's limit counts the request line without its CRLF (method SP target SP version: 4094 passes, 4095
    /// gets 414); Kestrel's MaxRequestLineSize counts the CRLF too, so it is two bytes more.
    /// </summary>
    internal static int RequestLineSize(WorkerContract contract) =>
        contract.LimitRequestLine == 0 ? RequestBufferSize : Math.Min(contract.LimitRequestLine + LineEnd, RequestBufferSize);

    /// <summary>
    /// Kestrel has no per-field limit, only a total: allow every permitted field at its full size
    /// (100 x 8190 by default), never past the request buffer. One oversized field within the total
    /// therefore passes, where Gunicorn would refuse it.
    /// </summary>
    internal static int HeadersTotalSize(WorkerContract contract)
    {
        if (contract.LimitRequestFieldSize == 0)
        {
            return RequestBufferSize;
        }

        var fields = contract.LimitRequestFields == 0 ? MaxHeaderCount : contract.LimitRequestFields;
        return (int)Math.Min((long)fields * contract.LimitRequestFieldSize, RequestBufferSize);
    }
}
