using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Hosting;

/// <summary>
/// Decides whether the worker may take another connection, so that it never takes more work than its quota.
/// </summary>
/// <remarks>
/// Every accepted connection brings at least one request, so the gate counts requests that are committed:
/// each accepted connection until its first request starts (or it closes without one), plus every later request
/// on a kept-alive connection. Once that count reaches the quota the gate closes and the listeners are unbound
/// at once. Counting only requests that have started is not enough: under load a worker accepts connections
/// faster than it starts their requests, and would take several past its quota. The gate also closes when the
/// worker drains for any other reason (TERM), sooner than Kestrel would stop accepting by itself.
/// </remarks>
internal sealed class AcceptGate : IDisposable
{
    private static readonly object PendingKey = new();

    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _quiet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RequestQuota _quota;
    private readonly SlotWriter? _slot;
    private readonly SemaphoreSlim? _room;
    private long _committed;
    private long _pending;
    private long _open;
    private long _accepting;

    /// <param name="quota">The worker's request quota; without one, only a drain closes the gate.</param>
    /// <param name="slot">Where the open connections are counted for the master, if anywhere.</param>
    /// <param name="maxConnections">Gunicorn's worker_connections: past this many open connections the worker accepts
    /// no more until one closes, and the next waits in the shared queue for this worker or another; 0: no limit.</param>
    public AcceptGate(RequestQuota quota, SlotWriter? slot = null, int maxConnections = 0)
    {
        _quota = quota;
        _slot = slot;
        _room = maxConnections > 0 ? new SemaphoreSlim(maxConnections, maxConnections) : null;
    }

    /// <summary>
    /// Waits until another connection may be taken (worker_connections); false when the gate closed or the
    /// accept was cancelled meanwhile. Each true is paid back by the connection's close, or by <see cref="ReturnRoom"/>.
    /// </summary>
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (_room is null)
        {
            return true;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await _room.WaitAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Gives back the room of an accept that brought no connection.</summary>
    public void ReturnRoom() => _room?.Release();

    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>
    /// Completes once the gate is closed, no accept is still under way (one may yet bring a connection), and every
    /// connection it let in has closed.
    /// </summary>
    public Task Quiet => _quiet.Task;

    public void Close()
    {
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
        }

        CheckQuiet();
    }

    /// <summary>A listener starts waiting for a connection; <see cref="AcceptEnded"/> follows, whatever it brings.</summary>
    public void AcceptStarting() => Interlocked.Increment(ref _accepting);

    public void AcceptEnded()
    {
        Interlocked.Decrement(ref _accepting);
        CheckQuiet();
    }

    /// <summary>Counts a connection just accepted as one committed request.</summary>
    public void Admit(ConnectionContext connection)
    {
        var pending = new PendingConnection();
        connection.Items[PendingKey] = pending;
        Interlocked.Increment(ref _pending);
        Interlocked.Increment(ref _open);
        _slot?.ConnectionOpened();
        Commit(1);
        connection.ConnectionClosed.Register(static state =>
        {
            var (gate, pending) = ((AcceptGate, PendingConnection))state!;
            if (pending.Settle())
            {
                gate.Commit(-1); // closed without a request: the reservation is given back
                gate.Settled();
            }

            Interlocked.Decrement(ref gate._open);
            gate._room?.Release();
            gate._slot?.ConnectionClosed();
            gate.CheckQuiet();
        }, (this, pending));
    }

    /// <summary>A request starts: the first on its connection uses the reservation, a later one commits another.</summary>
    public void RequestStarting(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(PendingKey, out var value) && value is PendingConnection pending)
        {
            items.Remove(PendingKey);
            if (pending.Settle())
            {
                Settled();
                return;
            }
        }

        Commit(1);
    }

    /// <summary>
    /// A reservation was used or given back; with none left, the quota tells whether the connections the gate let
    /// in can still reach it (connections that closed without their request may have spent it).
    /// </summary>
    private void Settled()
    {
        if (Interlocked.Decrement(ref _pending) == 0 && IsClosed)
        {
            _quota.CheckReachable(Interlocked.Read(ref _committed));
        }
    }

    private void CheckQuiet()
    {
        if (IsClosed && Interlocked.Read(ref _accepting) == 0 && Interlocked.Read(ref _open) == 0)
        {
            _quiet.TrySetResult();
        }
    }

    private void Commit(long count)
    {
        if (_quota.IsAtOrPastQuota(Interlocked.Add(ref _committed, count)))
        {
            Close();
        }
    }

    public void Dispose()
    {
        _closed.Dispose();
        _room?.Dispose();
    }

    /// <summary>A connection's reservation, given up exactly once: by its first request or by its close.</summary>
    private sealed class PendingConnection
    {
        private int _settled;

        public bool Settle() => Interlocked.Exchange(ref _settled, 1) == 0;
    }
}
