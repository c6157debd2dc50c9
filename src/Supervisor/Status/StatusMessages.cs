namespace Supervisor.Status;

/// <summary>
/// What reading a master's scoreboard from outside it can go wrong with, worded for the user of a control
/// command; the other messages of the commands are in <c>ControlMessages</c>.
/// </summary>
internal static class StatusMessages
{
    public const string AsOwner = "Run this command as the user that runs the master, or as root.";

    public static string ScoreboardMissing(string path, int pid) =>
        $"Cannot read the workers of the master (pid {pid}): its scoreboard {path} does not exist. The master may still be starting (try again in a moment), or pid {pid} is not a supervisor master.";

    public static string ScoreboardDenied(string path) =>
        $"Cannot open the scoreboard {path}: permission denied. {AsOwner}";

    public static string ScoreboardUnreadable(string path, string reason) =>
        $"Cannot read the scoreboard {path}: {reason}";
}
