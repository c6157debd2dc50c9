using Supervisor.Master;

namespace Supervisor.Endpoint;

/// <summary>
/// The master's current listeners, for the endpoint's threads. The arbiter's thread owns the
/// <see cref="ListenerSet"/> and publishes a copy here after every change; readers get that copy whole.
/// </summary>
internal sealed class ListenerSnapshot
{
    private readonly Lock _lock = new();
    private IReadOnlyList<Listener> _current;

    public ListenerSnapshot(IEnumerable<Listener> listeners)
    {
        _current = listeners.ToList();
    }

    public IReadOnlyList<Listener> Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Called on the thread that changed the listeners; the list is copied before it is shared.</summary>
    public void Publish(IEnumerable<Listener> listeners)
    {
        var copy = listeners.ToList();
        lock (_lock)
        {
            _current = copy;
        }
    }
}
