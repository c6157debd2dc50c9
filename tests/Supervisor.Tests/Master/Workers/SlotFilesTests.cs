using Supervisor.Master.Workers;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Tests.Master.Workers;

/// <summary>The master's scoreboard folder: private, one fresh file per worker, removed at the end.</summary>
public sealed class SlotFilesTests : IDisposable
{
    private readonly TempDirectory _parent = new();

    public void Dispose() => _parent.Dispose();

    [Fact]
    public void EachWorkerGetsAFreshFileOfItsOwnOnlyItsUserMayReadAndWrite()
    {
        using var slots = SlotFiles.Create(_parent.Combine("supervisor-1"), slotCount: 8);

        var path = slots.Prepare(3, (65534, 65534));
        using (var worker = Scoreboard.Open(path))
        {
            worker.OpenSlot(3).Claim(4242, 1, 1000);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal((0x8000u | 0x180, 65534u), Supervisor.Platform.SafeFiles.LinkStatus(path) is { } status ? (status.Mode, status.Uid) : default);
        Assert.Equal(4242, slots.Read(3).Pid);

        slots.Prepare(3, null);
        Assert.Equal(new SlotSnapshot(WorkerState.Empty, 0, 0, 0, 0, 0, 0, "", "", true), slots.Read(3));
    }

    [Fact]
    public void TheFolderLetsOthersOpenTheirFileByNameButNotListOrChangeIt()
    {
        using var slots = SlotFiles.Create(_parent.Combine("supervisor-1"), slotCount: 8);

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(slots.Folder));
    }

    [Fact]
    public void AFolderThatIsAlreadyThereIsRefused()
    {
        var folder = _parent.Combine("supervisor-1");
        Directory.CreateSymbolicLink(folder, _parent.Path);

        var error = Assert.Throws<IOException>(() => SlotFiles.Create(folder, slotCount: 8));

        Assert.Equal($"the scoreboard folder {folder} already exists and is not a stopped master's of this user; remove it and start again", error.Message);
    }

    [Fact]
    public void AWorkerThatCutsItsFileShortDamagesItsOwnSlotOnly()
    {
        using var slots = SlotFiles.Create(_parent.Combine("supervisor-1"), slotCount: 8);
        var first = slots.Prepare(0, null);
        slots.Prepare(1, null);

        File.WriteAllBytes(first, []);

        Assert.NotNull(slots.Read(0).Damage);
        Assert.Null(slots.Read(1).Damage);
    }

    [Fact]
    public void DisposingRemovesTheFilesAndTheFolder()
    {
        var slots = SlotFiles.Create(_parent.Combine("supervisor-1"), slotCount: 8);
        slots.Prepare(0, null);
        slots.Prepare(5, null);

        slots.Dispose();

        Assert.False(Directory.Exists(slots.Folder));
    }
}
