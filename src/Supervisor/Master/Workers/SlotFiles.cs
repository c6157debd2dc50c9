using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// The master's scoreboard: a private folder with one file per worker, which that worker alone may write. The
/// master reads each file with pread and never maps it, so a worker that truncates, enlarges or garbles its file
/// damages its own slot and nothing else; and it cannot delete or replace its file, whose folder only the master
/// may change.
/// </summary>
/// <remarks>Used by the arbiter's thread only.</remarks>
internal sealed class SlotFiles : ISlotReader, IDisposable
{
    // The workers' user may open its file by name (x), but neither list the folder nor add, rename or remove files.
    private const UnixFileMode FolderMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly Dictionary<int, FileStream> _files = [];

    private SlotFiles(string folder, int slotCount)
    {
        Folder = folder;
        SlotCount = slotCount;
    }

    public string Folder { get; }

    public int SlotCount { get; }

    /// <summary>Creates the folder, which must not exist yet (a planted folder or link is refused).</summary>
    public static SlotFiles Create(string folder, int slotCount)
    {
        if (!SafeFiles.TryMakeDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
        {
            throw new IOException(
                $"the scoreboard folder {folder} already exists and is not a stopped master's of this user; remove it and start again");
        }

        // mkdir's mode passed through the umask; the folder lives in a sticky folder, so no one else can swap it.
        File.SetUnixFileMode(folder, FolderMode);
        return new SlotFiles(folder, slotCount);
    }

    /// <summary>
    /// A fresh, zeroed file for the worker about to start in <paramref name="slot"/>, owned by the workers' user
    /// (mode 0600); whatever the slot's previous worker left is deleted. Returns its path, for the worker.
    /// </summary>
    public string Prepare(int slot, (uint Uid, uint Gid)? owner)
    {
        var path = ScoreboardLocation.SlotFile(Folder, slot);
        if (_files.Remove(slot, out var previous))
        {
            previous.Dispose();
        }

        File.Delete(path);
        var file = ScoreboardFile.CreateNew(path, slot, slotCount: 1);
        try
        {
            if (owner is { } user)
            {
                SafeFiles.ChangeOwner(file.SafeFileHandle, user.Uid, user.Gid, path);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }

        _files[slot] = file;
        return path;
    }

    public SlotSnapshot Read(int slot) => _files.TryGetValue(slot, out var file)
        ? ScoreboardFile.Read(file.SafeFileHandle, file.Name, slot)
        : default;

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
            File.Delete(file.Name);
        }

        _files.Clear();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: false);
        }
    }
}
