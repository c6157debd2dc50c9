using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Status;

/// <summary>
/// Reads a running master's workers from its scoreboard folder, one file per worker. Each file is read with pread
/// (<see cref="ScoreboardFile.Read"/>), never mapped: a worker may truncate its own file, and that must not crash
/// the reader; a slot that cannot be trusted is left out.
/// </summary>
internal sealed class ScoreboardReader : IDisposable
{
    private readonly string _folder;
    private readonly ProcFs _proc;

    private ScoreboardReader(int masterPid, string folder, ProcFs proc)
    {
        MasterPid = masterPid;
        _folder = folder;
        _proc = proc;
    }

    public int MasterPid { get; }

    /// <summary>Opens the scoreboard of the master with this pid, where <see cref="ScoreboardLocation"/> puts it.</summary>
    public static ScoreboardReader Open(int masterPid, ProcFs proc) => Open(masterPid, ScoreboardLocation.For(masterPid), proc);

    public static ScoreboardReader Open(int masterPid, string folder, ProcFs proc)
    {
        if (File.Exists(folder))
        {
            throw new ControlException(StatusMessages.ScoreboardUnreadable(folder, "it is a file, not a scoreboard folder"));
        }

        try
        {
            _ = Directory.EnumerateFileSystemEntries(folder).Any();
            return new ScoreboardReader(masterPid, folder, proc);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ControlException(StatusMessages.ScoreboardMissing(folder, masterPid));
        }
        catch (UnauthorizedAccessException)
        {
            throw new ControlException(StatusMessages.ScoreboardDenied(folder));
        }
        catch (IOException e)
        {
            throw new ControlException(StatusMessages.ScoreboardUnreadable(folder, e.Message));
        }
    }

    /// <summary>Every slot file that reads as a plausible slot, in slot order.</summary>
    public IEnumerable<(int Slot, SlotSnapshot Snapshot)> Slots()
    {
        var found = new List<(int Slot, SlotSnapshot Snapshot)>();
        foreach (var path in Directory.EnumerateFiles(_folder))
        {
            if (ScoreboardLocation.SlotOf(Path.GetFileName(path)) is { } slot && Read(path, slot) is { Damage: null } snapshot)
            {
                found.Add((slot, snapshot));
            }
        }

        return found.OrderBy(s => s.Slot);
    }

    /// <summary>
    /// The live workers. A slot keeps its last worker's pid after that worker exits, so a slot counts only
    /// while its pid still runs.
    /// </summary>
    public IEnumerable<(int Slot, SlotSnapshot Snapshot)> LiveSlots() =>
        Slots().Where(s => s.Snapshot.State != WorkerState.Empty && _proc.IsRunning(s.Snapshot.Pid));

    public WorkerCount Count()
    {
        var states = LiveSlots().Select(s => s.Snapshot.State).ToList();
        return new WorkerCount(states.Count(s => s == WorkerState.Booting), states.Count(s => s == WorkerState.Ready));
    }

    /// <summary>The live workers now; each one's oldest request is timed by the workers' clock, <c>Environment.TickCount64</c>.</summary>
    public StatusReport Report()
    {
        var now = Environment.TickCount64;
        return new(MasterPid, LiveSlots()
            .Select(s => new WorkerStatus(
                s.Snapshot.Pid, s.Slot, s.Snapshot.State, s.Snapshot.Generation, _proc.Age(s.Snapshot.Pid),
                s.Snapshot.RequestsServed, s.Snapshot.RequestsInFlight, _proc.ResidentBytes(s.Snapshot.Pid),
                OldestRequest.From(s.Snapshot.RequestLine, s.Snapshot.ClientAddress, s.Snapshot.OldestStart, now, s.Snapshot.TextConsistent)))
            .ToList());
    }

    /// <summary>Nothing stays open between reads; kept so that callers scope a reading.</summary>
    public void Dispose()
    {
    }

    private static SlotSnapshot? Read(string path, int slot)
    {
        // Only a regular file: opening a fifo someone put in its place would block the reader.
        if (SafeFiles.LinkStatus(path) is not { IsRegularFile: true })
        {
            return null;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ScoreboardFile.Read(handle, path, slot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The worker left and its file went with it between the listing and now, or it is not ours to read.
            return null;
        }
    }
}
