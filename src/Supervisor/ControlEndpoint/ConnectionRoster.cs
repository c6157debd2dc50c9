using Microsoft.AspNetCore.Connections;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// Bounds the control endpoint's open connections without letting idle ones lock a probe out: a connection over the
/// bound closes the oldest one that is not serving a request (idle, or still sending its headers). Kestrel's own
/// limit refuses the newcomer instead, so a few dozen idle connections made <c>/healthz</c> unreachable, and a
/// liveness probe would have restarted a healthy master.
/// </summary>
internal sealed class ConnectionRoster
{
    private static readonly object EntryKey = new();

    private readonly int _max;
    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _open = new(); // oldest first

    public ConnectionRoster(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        _max = max;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>The connection middleware: each connection is on the roster for as long as Kestrel serves it.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        var entry = new Entry(connection);
        connection.Items[EntryKey] = entry;
        Admit(entry);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                if (entry.Node.List is not null)
                {
                    _open.Remove(entry.Node);
                }
            }
        }
    };

    /// <summary>
    /// Marks the connection whose items these are as serving a request, so it is not shed mid-answer; pass the
    /// result to <see cref="Served"/> when the answer is written.
    /// </summary>
    public object? Serving(IDictionary<object, object?>? connectionItems)
    {
        if (connectionItems is null || !connectionItems.TryGetValue(EntryKey, out var value) || value is not Entry entry)
        {
            return null;
        }

        lock (_lock)
        {
            entry.Requests++;
        }

        return entry;
    }

    public void Served(object? serving)
    {
        if (serving is Entry entry)
        {
            lock (_lock)
            {
                entry.Requests--;
            }
        }
    }

    private void Admit(Entry entry)
    {
        Entry? shed = null;
        lock (_lock)
        {
            _open.AddLast(entry.Node);
            if (_open.Count > _max)
            {
                // Every other connection is answering a request (each takes moments): the newcomer waits its turn
                // by being refused, as it would have been by Kestrel's limit.
                shed = OldestIdle() ?? entry;
                _open.Remove(shed.Node);
            }
        }

        shed?.Connection.Abort(new ConnectionAbortedException("The control endpoint has too many open connections; the oldest idle one is closed."));
    }

    /// <summary>The longest-open connection not answering a request; called under the lock.</summary>
    private Entry? OldestIdle()
    {
        for (var node = _open.First; node is not null; node = node.Next)
        {
            if (node.Value.Requests == 0)
            {
                return node.Value;
            }
        }

        return null;
    }

    private sealed class Entry
    {
        public Entry(ConnectionContext connection)
        {
            Connection = connection;
            Node = new LinkedListNode<Entry>(this);
        }

        public ConnectionContext Connection { get; }

        public LinkedListNode<Entry> Node { get; }

        /// <summary>Requests being answered on it: 0 or 1 over HTTP/1.1. Guarded by the roster's lock.</summary>
        public int Requests { get; set; }
    }
}
