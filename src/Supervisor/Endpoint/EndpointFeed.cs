using Supervisor.Master;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Endpoint;

/// <summary>
/// What the arbiter's thread hands the endpoint's threads, through the host and spawner it already calls
/// (so the arbiter itself is unchanged): the listeners after every change, and each worker's final request
/// count before its slot is reused.
/// </summary>
internal sealed class EndpointFeed
{
    private readonly ListenerSet _listeners;
    private readonly Scoreboard _scoreboard;

    public EndpointFeed(ListenerSet listeners, Scoreboard scoreboard)
    {
        _listeners = listeners;
        _scoreboard = scoreboard;
        Listeners = new ListenerSnapshot(listeners.All);
    }

    public ListenerSnapshot Listeners { get; }

    public ServedRequests Served { get; } = new();

    public string ScoreboardPath => _scoreboard.Path;

    public IMasterHost Watch(IMasterHost host) => new ListenerPublishingHost(host, _listeners, Listeners);

    public IWorkerSpawner Watch(IWorkerSpawner spawner) => new SlotHandoverSpawner(spawner, _scoreboard, Served);
}
