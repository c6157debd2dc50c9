using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Supervisor.Worker.Hosting;

/// <summary>A listener that reports itself unbound (null) once the gate closes, ending Kestrel's accept loop.</summary>
internal sealed class GatedListener : IConnectionListener
{
    private readonly IConnectionListener _inner;
    private readonly AcceptGate _gate;

    public GatedListener(IConnectionListener inner, AcceptGate gate)
    {
        _inner = inner;
        _gate = gate;
    }

    public EndPoint EndPoint => _inner.EndPoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        if (_gate.IsClosed)
        {
            return null;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _gate.Closed);
        try
        {
            return await _inner.AcceptAsync(both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_gate.IsClosed)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => _inner.UnbindAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
