using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Support;

/// <summary>A master's scoreboard folder as the master lays it out: one file per slot, written through its worker's mapping.</summary>
internal sealed class ScoreboardFolder : IDisposable
{
    private readonly List<Scoreboard> _files = [];

    public ScoreboardFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    /// <summary>Creates the slot's file, as the master does before it starts a worker, and opens it as the worker does.</summary>
    public SlotWriter OpenSlot(int slot)
    {
        var file = Scoreboard.Create(Supervisor.Platform.ScoreboardLocation.SlotFile(Path, slot), slotCount: 1, firstSlot: slot);
        _files.Add(file);
        return file.OpenSlot(slot);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
