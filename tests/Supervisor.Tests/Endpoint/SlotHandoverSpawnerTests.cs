using Supervisor.Endpoint;
using Supervisor.Master;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Master;
using Supervisor.Tests.Support;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Endpoint;

/// <summary>A worker's last requests count although its slot is claimed again before anyone scrapes.</summary>
public sealed class SlotHandoverSpawnerTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ConfigFixture _configs = new();
    private readonly Scoreboard _scoreboard;
    private readonly ServedRequests _served = new();
    private readonly FakeSpawner _inner = new();

    public SlotHandoverSpawnerTests()
    {
        _scoreboard = Scoreboard.Create(_directory.Combine("test.scoreboard"), slotCount: 2);
    }

    public void Dispose()
    {
        _scoreboard.Dispose();
        _configs.Dispose();
        _directory.Dispose();
    }

    private SlotWriter Claim(int slot, int pid)
    {
        var writer = _scoreboard.OpenSlot(slot);
        writer.Claim(pid, generation: 1, now: 1);
        return writer;
    }

    private static void Serve(SlotWriter writer, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            writer.RequestStarted();
            writer.RequestFinished();
        }
    }

    private IEnumerable<(int, SlotSnapshot)> AllSlots() => Enumerable.Range(0, _scoreboard.SlotCount).Select(s => (s, _scoreboard.ReadSlot(s)));

    [Fact]
    public void ReadsTheSlotsLastCountBeforeTheNewWorkerStarts()
    {
        var spawner = new SlotHandoverSpawner(_inner, _scoreboard, _served);
        var spec = new WorkerSpec(0, 1, 5, _configs.Valid("app = \"./MyApp\"\n"), [3]);
        var old = Claim(slot: 0, pid: 501);
        Serve(old, requests: 2);
        Assert.Equal(2, _served.Observe(AllSlots()));

        Serve(old, requests: 3); // after the last scrape; then the worker exits and is reaped
        spawner.Spawn(spec);
        Serve(Claim(slot: 0, pid: 502), requests: 1); // the new worker claims the slot

        Assert.Single(_inner.Spawned);
        Assert.Equal(5 + 1, _served.Observe(AllSlots()));
    }
}
