using Supervisor.Worker.Scoreboard;

namespace Supervisor.Control;

/// <summary>Reads a running master's workers from its scoreboard.</summary>
internal sealed class MasterScoreboard : IDisposable
{
    private readonly Scoreboard _scoreboard;
    private readonly ProcFs _proc;

    public MasterScoreboard(int masterPid, Scoreboard scoreboard, ProcFs proc)
    {
        MasterPid = masterPid;
        _scoreboard = scoreboard;
        _proc = proc;
    }

    public int MasterPid { get; }

    /// <summary>Opens the scoreboard of the master with this pid, where <see cref="ScoreboardLocation"/> puts it.</summary>
    public static MasterScoreboard Open(int masterPid, ProcFs proc) => Open(masterPid, ScoreboardLocation.For(masterPid), proc);

    public static MasterScoreboard Open(int masterPid, string path, ProcFs proc)
    {
        try
        {
            return new MasterScoreboard(masterPid, Scoreboard.OpenForReading(path), proc);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ControlException(ControlMessages.ScoreboardMissing(path, masterPid));
        }
        catch (UnauthorizedAccessException)
        {
            throw new ControlException(ControlMessages.ScoreboardDenied(path));
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new ControlException(ControlMessages.ScoreboardUnreadable(path, e.Message));
        }
    }

    /// <summary>
    /// The live workers. A slot keeps its last worker's pid after that worker exits, so a slot counts only
    /// while its pid still runs.
    /// </summary>
    public IEnumerable<(int Slot, SlotSnapshot Snapshot)> LiveSlots() =>
        Enumerable.Range(0, _scoreboard.SlotCount)
            .Select(slot => (Slot: slot, Snapshot: _scoreboard.ReadSlot(slot)))
            .Where(s => s.Snapshot.State != WorkerState.Empty && _proc.IsRunning(s.Snapshot.Pid));

    public WorkerCount Count()
    {
        var states = LiveSlots().Select(s => s.Snapshot.State).ToList();
        return new WorkerCount(states.Count(s => s == WorkerState.Booting), states.Count(s => s == WorkerState.Ready));
    }

    public StatusReport Report() => new(MasterPid, LiveSlots()
        .Select(s => new WorkerStatus(
            s.Snapshot.Pid, s.Slot, s.Snapshot.State, s.Snapshot.Generation, _proc.Age(s.Snapshot.Pid),
            s.Snapshot.RequestsServed, s.Snapshot.RequestsInFlight, _proc.ResidentBytes(s.Snapshot.Pid)))
        .ToList());

    public void Dispose() => _scoreboard.Dispose();
}
