using Supervisor.Host;
using Supervisor.Platform;
using Supervisor.Tests.Commands.Control.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Host;

/// <summary>At start, the scoreboards of masters that are gone are removed; nothing else is.</summary>
public sealed class StaleScoreboardsTests : IDisposable
{
    private readonly TempDirectory _parent = new();
    private readonly CollectingSink _log = new();

    public void Dispose() => _parent.Dispose();

    private string Board(int pid, params string[] files)
    {
        var folder = ScoreboardLocation.For(pid, _parent.Path);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllBytes(Path.Combine(folder, file), new byte[576]);
        }

        return folder;
    }

    private void Remove() => StaleScoreboards.Remove(_parent.Path, _log.CreateLogger());

    [Fact]
    public void TheFolderOfAMasterThatIsGoneIsRemovedAndSaidSo()
    {
        var folder = Board(DeadPid.Value, "slot-0", "slot-12");

        Remove();

        Assert.False(Directory.Exists(folder));
        Assert.Contains($"Removed the scoreboard of master {DeadPid.Value}, which is no longer running: {folder}", _log.Messages);
    }

    [Fact]
    public void TheFolderOfAMasterThatRunsIsKept()
    {
        var folder = Board(1, "slot-0");

        Remove();

        Assert.True(File.Exists(Path.Combine(folder, "slot-0")));
        Assert.Empty(_log.Messages);
    }

    [Fact]
    public void ALinkIsNeverFollowedNorRemoved()
    {
        var target = Board(1, "slot-0");
        var link = ScoreboardLocation.For(DeadPid.Value, _parent.Path);
        Directory.CreateSymbolicLink(link, target);

        Remove();

        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(target, "slot-0")));
    }

    [Fact]
    public void AFolderOfAnotherUserIsKept()
    {
        var folder = Board(DeadPid.Value, "slot-0");
        Libc.Chown(folder, 65534, 65534);

        Remove();

        Assert.True(File.Exists(Path.Combine(folder, "slot-0")));
    }

    [Fact]
    public void AFolderHoldingWhatAMasterDoesNotMakeIsKeptWhole()
    {
        var folder = Board(DeadPid.Value, "slot-0", "notes.txt");

        Remove();

        Assert.True(File.Exists(Path.Combine(folder, "slot-0")));
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
        Assert.Contains($"Kept the scoreboard folder {folder} of a master that is no longer running: it holds files a master does not make", _log.Messages);
    }

    [Fact]
    public void OtherNamesAreLeftAlone()
    {
        var other = Path.Combine(_parent.Path, "supervisor-notapid");
        Directory.CreateDirectory(other);

        Remove();

        Assert.True(Directory.Exists(other));
    }
}
