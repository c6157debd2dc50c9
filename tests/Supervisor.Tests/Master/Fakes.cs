using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

internal sealed class FakeClock : ITickClock
{
    public long NowMs { get; set; } = 1_000_000;

    public void Advance(TimeSpan by) => NowMs += (long)by.TotalMilliseconds;
}

internal sealed class FakeWorkerProcess : IWorkerProcess
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeWorkerProcess(int pid, WorkerSpec spec)
    {
        Pid = pid;
        Spec = spec;
    }

    public int Pid { get; }

    public WorkerSpec Spec { get; }

    public List<int> Signals { get; } = [];

    public Task<int> Exited => _exit.Task;

    public bool HasExited => _exit.Task.IsCompleted;

    public bool Signal(int signal)
    {
        Signals.Add(signal);
        return !HasExited;
    }

    public void Exit(int code) => _exit.TrySetResult(code);
}

internal sealed class FakeSpawner : IWorkerSpawner
{
    private int _nextPid = 1000;

    public List<FakeWorkerProcess> Spawned { get; } = [];

    public Exception? FailWith { get; set; }

    public IEnumerable<FakeWorkerProcess> Alive => Spawned.Where(p => !p.HasExited);

    /// <summary>Called with the slot before a worker starts in it, as the real spawner gives it a fresh, zeroed file.</summary>
    public Action<int>? Preparing { get; set; }

    public IWorkerProcess Spawn(WorkerSpec spec)
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }

        Preparing?.Invoke(spec.Slot);
        var process = new FakeWorkerProcess(++_nextPid, spec);
        Spawned.Add(process);
        return process;
    }
}

internal sealed class FakeSlots : ISlotReader
{
    private readonly Dictionary<int, SlotSnapshot> _slots = [];

    public int SlotCount => 32;

    public SlotSnapshot Read(int slot) => _slots.GetValueOrDefault(slot);

    public void Clear(int slot) => _slots.Remove(slot);

    /// <summary>Whatever a worker wrote, as the master reads it.</summary>
    public void SetRaw(int slot, SlotSnapshot snapshot) => _slots[slot] = snapshot;

    public void Set(FakeWorkerProcess worker, WorkerState state, long heartbeat, long oldestStart = 0, string line = "", string client = "", long served = 0, long? inFlight = null, long connections = 0) =>
        _slots[worker.Spec.Slot] = new SlotSnapshot(
            state, worker.Pid, worker.Spec.Generation, heartbeat, served, inFlight ?? (oldestStart > 0 ? 1 : 0), oldestStart, client, line, true, connections);
}
