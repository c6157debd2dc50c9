namespace Supervisor.Control;

/// <summary>
/// Where a master keeps its scoreboard. The one definition of the path: the master creates the file
/// here and control commands find it from the master's pid.
/// </summary>
internal static class ScoreboardLocation
{
    /// <summary>tmpfs when there is one, so heartbeats never touch a disk; else the temp folder.</summary>
    public static string For(int masterPid) => For(masterPid, Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath());

    public static string For(int masterPid, string folder) => Path.Combine(folder, $"supervisor-{masterPid}.scoreboard");
}
