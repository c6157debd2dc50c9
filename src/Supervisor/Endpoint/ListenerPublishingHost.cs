using Supervisor.Configuration;
using Supervisor.Master;

namespace Supervisor.Endpoint;

/// <summary>
/// The master host, passing through every call, that publishes the listeners to a <see cref="ListenerSnapshot"/>
/// each time the arbiter binds or closes some (a reload, a stop), so the endpoint's queue metrics follow them.
/// </summary>
internal sealed class ListenerPublishingHost : IMasterHost
{
    private readonly IMasterHost _inner;
    private readonly ListenerSet _listeners;
    private readonly ListenerSnapshot _snapshot;

    public ListenerPublishingHost(IMasterHost inner, ListenerSet listeners, ListenerSnapshot snapshot)
    {
        _inner = inner;
        _listeners = listeners;
        _snapshot = snapshot;
    }

    public bool IsInteractive => _inner.IsInteractive;

    public ConfigResult LoadConfig() => _inner.LoadConfig();

    public IReadOnlyList<int> EnsureListeners(SupervisorConfig config)
    {
        var fds = _inner.EnsureListeners(config);
        _snapshot.Publish(_listeners.All);
        return fds;
    }

    public void CloseUnusedListeners(IReadOnlySet<int> fdsInUse)
    {
        _inner.CloseUnusedListeners(fdsInUse);
        _snapshot.Publish(_listeners.All);
    }

    public void StopListening()
    {
        _inner.StopListening();
        _snapshot.Publish(_listeners.All);
    }

    public void ApplyLogSettings(SupervisorConfig config) => _inner.ApplyLogSettings(config);

    public long? ReadRssBytes(int pid) => _inner.ReadRssBytes(pid);

    public string? DumpStacks(int pid, TimeSpan limit) => _inner.DumpStacks(pid, limit);

    public void ReopenLogs() => _inner.ReopenLogs();

    public void StartChildMaster() => _inner.StartChildMaster();
}
