using SupervisorScoreboard = Supervisor.Worker.Scoreboard.Scoreboard;

namespace Worker.Tests.Support;

/// <summary>A scoreboard file in the temp directory, deleted on Dispose.</summary>
internal sealed class TempScoreboard : IDisposable
{
    public TempScoreboard(int slots = 4)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"worker-tests-{Guid.NewGuid():N}.sb");
        Master = SupervisorScoreboard.Create(Path, slots);
    }

    public string Path { get; }

    public SupervisorScoreboard Master { get; }

    public void Dispose()
    {
        Master.Dispose();
        File.Delete(Path);
    }
}
