using Supervisor.Platform;

namespace Supervisor.Tests.Platform;

public sealed class ScoreboardLocationTests
{
    [Fact]
    public void IsNamedAfterTheMasterPidInSharedMemoryElseTheTempFolder()
    {
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

        Assert.Equal(Path.Combine(folder, "supervisor-1234"), ScoreboardLocation.For(1234));
    }

    [Fact]
    public void IsInTheGivenFolder()
    {
        Assert.Equal("/tmp/supervisor-1234", ScoreboardLocation.For(1234, "/tmp"));
    }

    [Fact]
    public void EachSlotHasAFileInTheFolder()
    {
        Assert.Equal("/tmp/supervisor-1234/slot-7", ScoreboardLocation.SlotFile("/tmp/supervisor-1234", 7));
    }

    [Theory]
    [InlineData("supervisor-1234", 1234)]
    [InlineData("supervisor-", null)]
    [InlineData("supervisor-12a", null)]
    [InlineData("supervisor-+12", null)]
    [InlineData("supervisor-1234.scoreboard", null)]
    [InlineData("other-1234", null)]
    public void OnlyAFolderNameOfDigitsNamesAMaster(string name, int? pid)
    {
        Assert.Equal(pid, ScoreboardLocation.MasterOf(name));
    }

    [Theory]
    [InlineData("slot-0", 0)]
    [InlineData("slot-4095", 4095)]
    [InlineData("slot--1", null)]
    [InlineData("slot-0.tmp", null)]
    public void OnlyAFileNameOfDigitsNamesASlot(string name, int? slot)
    {
        Assert.Equal(slot, ScoreboardLocation.SlotOf(name));
    }
}
