using System.Net;
using Microsoft.AspNetCore.Connections;
using Supervisor.Worker.Native;

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

    /// <param name="inheritedFd">The master's socket this listener serves, closed here once unbound.</param>
    public GatedListener(IConnectionListener inner, AcceptGate gate, int? inheritedFd)
    {
        _inner = inner;
        _gate = gate;
        _unbindOnClose = gate.Closed.Register(static state =>
        {
            var (listener, fd) = ((IConnectionListener, int?))state!;
            _ = listener.UnbindAsync().AsTask();

            // The transport does not own the descriptor and leaves it open. Closing this process's copy once
            // the listener is unbound lets the kernel refuse new connections when every process has let go
            // (the master stopping) rather than queue them where nobody will accept them. The other
            // processes' copies keep the socket alive meanwhile.
            if (fd is { } descriptor)
            {
                Libc.Close(descriptor);
            }
        }, (inner, inheritedFd));
    }

    public EndPoint EndPoint => _inner.EndPoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        if (_gate.IsClosed)
        {
            return null;
        }

        _gate.AcceptStarting();
        try
        {
            // At worker_connections, the next connection waits in the kernel's queue, where any worker may take it.
            if (!await _gate.WaitForRoomAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            ConnectionContext? connection;
            try
            {
                connection = await _inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _gate.ReturnRoom();
                throw;
            }

            if (connection is null)
            {
                _gate.ReturnRoom();
                return null;
            }

            // Accepted in the instant before an unbind took effect: it is served, and counted, and the drain
            // waits for it as for any other.
            _gate.Admit(connection);
            return connection;
        }
        finally
        {
            _gate.AcceptEnded();
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => _inner.UnbindAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _unbindOnClose.DisposeAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}
