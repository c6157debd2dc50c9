using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Supervisor.Worker.Hosting;

/// <summary>
/// A listener that unbinds the moment the gate closes. The socket transport ignores the cancellation token
/// of a pending accept, so the only way to end it at once is to unbind, as Kestrel itself does when it
/// stops: the pending accept then returns null. The shared descriptor stays open for the other workers,
/// because the transport does not own it.
/// </summary>
internal sealed class GatedListener : IConnectionListener
{
    private readonly IConnectionListener _inner;
    private readonly AcceptGate _gate;
    private readonly CancellationTokenRegistration _unbindOnClose;

    public GatedListener(IConnectionListener inner, AcceptGate gate)
    {
        _inner = inner;
        _gate = gate;
        _unbindOnClose = gate.Closed.Register(static state => _ = ((IConnectionListener)state!).UnbindAsync().AsTask(), inner);
    }

    public EndPoint EndPoint => _inner.EndPoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        if (_gate.IsClosed)
        {
            return null;
        }

        var connection = await _inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
        if (connection is not null)
        {
            // Accepted in the instant before an unbind took effect: it is served, and counted.
            _gate.Admit(connection);
        }

        return connection;
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => _inner.UnbindAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _unbindOnClose.DisposeAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}
