using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Supervisor.Worker.Hosting;

/// <summary>Kestrel's socket transport, with every listener behind the worker's <see cref="AcceptGate"/>.</summary>
internal sealed class GatedListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketTransportFactory _sockets;
    private readonly AcceptGate _gate;

    public GatedListenerFactory(IOptions<SocketTransportOptions> options, ILoggerFactory loggerFactory, AcceptGate gate)
    {
        _sockets = new SocketTransportFactory(options, loggerFactory);
        _gate = gate;
    }

    public bool CanBind(EndPoint endpoint) => _sockets.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        new GatedListener(
            await _sockets.BindAsync(endpoint, cancellationToken).ConfigureAwait(false),
            _gate,
            endpoint is FileHandleEndPoint inherited ? (int)inherited.FileHandle : null);
}
