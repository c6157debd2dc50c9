using Supervisor.Master;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Endpoint;

/// <summary>
/// The worker spawner, passing every spawn through, that first reads the slot the new worker is about to
/// claim: the arbiter frees a slot only once its worker has been reaped, so this is that worker's final count,
/// the last moment before the new worker resets it. Sampling alone could miss it: a replacement can claim
/// the slot a few milliseconds after the old worker's last request.
/// </summary>
internal sealed class SlotHandoverSpawner : IWorkerSpawner
{
    private readonly IWorkerSpawner _inner;
    private readonly Scoreboard _scoreboard;
    private readonly ServedRequests _served;

    public SlotHandoverSpawner(IWorkerSpawner inner, Scoreboard scoreboard, ServedRequests served)
    {
        _inner = inner;
        _scoreboard = scoreboard;
        _served = served;
    }

    public IWorkerProcess Spawn(WorkerSpec spec)
    {
        _served.Observe([(spec.Slot, _scoreboard.ReadSlot(spec.Slot))]);
        return _inner.Spawn(spec);
    }
}
