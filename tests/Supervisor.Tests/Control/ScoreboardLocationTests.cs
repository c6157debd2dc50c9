using Supervisor.Control;

namespace Supervisor.Tests.Control;

public sealed class ScoreboardLocationTests
{
    [Fact]
    public void IsNamedAfterTheMasterPidInSharedMemoryElseTheTempFolder()
    {
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

        Assert.Equal(Path.Combine(folder, "supervisor-1234.scoreboard"), ScoreboardLocation.For(1234));
    }

    [Fact]
    public void IsInTheGivenFolder()
    {
        Assert.Equal("/tmp/supervisor-1234.scoreboard", ScoreboardLocation.For(1234, "/tmp"));
    }
}
