using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog.Extensions.Logging;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Master;
using Supervisor.Platform;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// Kestrel in the master, on <c>control_bind</c> only, serving <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>
/// and <c>/status</c>. Kestrel is used directly rather than through a WebApplication: the master runs in the
/// app's folder, and a host would read that app's appsettings.json and ASPNETCORE_ variables, Kestrel
/// endpoints included.
/// </summary>
internal sealed class EndpointServer : IDisposable
{
    // A scrape in progress finishes; a client that holds a connection cannot hold up the master's exit.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    // Monitoring needs a handful of connections; a flood must not cost the master much memory or many descriptors.
    // Past this many, a new connection closes the oldest idle one (see ConnectionRoster).
    private const int MaxConnections = 64;

    // A probe or a scrape sends its request at once; a connection that sends nothing, or dribbles its headers,
    // is closed this soon instead of after Kestrel's defaults (130 s idle, 30 s for the headers).
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    private readonly KestrelServer _server;
    private readonly ILoggerFactory _loggers;
    private readonly EndpointView _view;
    private readonly ConnectionRoster _connections;
    private readonly ControlToken? _token;
    private bool _stopped;

    private EndpointServer(KestrelServer server, ILoggerFactory loggers, EndpointView view, ConnectionRoster connections, ControlToken? token)
    {
        _token = token;
        _server = server;
        _loggers = loggers;
        _view = view;
        _connections = connections;
    }

    /// <summary>
    /// Starts the endpoint when <c>control_bind</c> is set, else returns null. A failure to listen throws
    /// <see cref="HaltException"/> naming the address, so the master stops before any worker starts.
    /// </summary>
    public static EndpointServer? StartIfConfigured(SupervisorConfig config, ArbiterStats stats, EndpointFeed feed, Serilog.ILogger log)
    {
        if (config.Get(Settings.ControlBind) is not { } address)
        {
            return null;
        }

        // Before anything listens: a token that cannot be read stops the master, as a port in use does.
        var token = ControlToken.Load(config.Get(Settings.ControlTokenFile));

        // Kestrel's own lines (a failed connection, an exception in a handler) at warning and above only.
        var loggers = LoggerFactory.Create(b => b.AddProvider(new SerilogLoggerProvider(log)).SetMinimumLevel(LogLevel.Warning));
        var view = new EndpointView(stats, feed, ProcFs.System, TimeProvider.System);
        var connections = new ConnectionRoster(MaxConnections);
        var endpoint = new EndpointServer(CreateServer(address, loggers, connections), loggers, view, connections, token);
        try
        {
            endpoint.Start(address);
        }
        catch
        {
            endpoint.Dispose();
            throw;
        }

        foreach (var url in endpoint.Urls())
        {
            log.Information(EndpointMessages.ListeningAt, url);
        }

        return endpoint;
    }

    /// <summary>Stops serving (bounded by <see cref="StopTimeout"/>); safe to call twice.</summary>
    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                _server.StopAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Past the timeout Kestrel aborts the connections left; nothing else to do.
            }
        }

        _server.Dispose();
        _view.Dispose();
        _loggers.Dispose();
    }

    private static KestrelServer CreateServer(BindAddress address, ILoggerFactory loggers, ConnectionRoster connections)
    {
        var options = new KestrelServerOptions { AddServerHeader = false };

        // No MaxConcurrentConnections: Kestrel would refuse new connections once idle ones fill it, probes included.
        options.Limits.MaxRequestBodySize = 0;
        options.Limits.KeepAliveTimeout = IdleTimeout;
        options.Limits.RequestHeadersTimeout = IdleTimeout;
        Action<ListenOptions> bounded = listen => listen.Use(connections.Track);
        if (address.Host == "localhost")
        {
            options.ListenLocalhost(address.Port, bounded);
        }
        else
        {
            var ip = IPAddress.TryParse(address.Host, out var parsed) ? parsed : Dns.GetHostAddresses(address.Host)[0];
            options.Listen(ip, address.Port, bounded);
        }

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        return new KestrelServer(Options.Create(options), transport, loggers);
    }

    private void Start(BindAddress address)
    {
        try
        {
            _server.StartAsync(new EndpointApplication(_view, _connections, _token), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new HaltException(EndpointMessages.CannotListen(address.ToString(), Reason(e)), 1);
        }
    }

    private IEnumerable<string> Urls() =>
        _server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];

    /// <summary>Kestrel wraps the socket's error in its own exception; the user gets the cause in plain words.</summary>
    private static string Reason(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AddressInUseException:
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }:
                    return EndpointMessages.AddressInUse;
                case SocketException { SocketErrorCode: SocketError.AddressNotAvailable }:
                    return EndpointMessages.AddressNotAvailable;
                case SocketException { SocketErrorCode: SocketError.AccessDenied }:
                    return EndpointMessages.PermissionDenied;
            }
        }

        return e.Message;
    }
}
