using System.Globalization;

namespace Supervisor.Platform;

/// <summary>
/// Where a master keeps its scoreboard: a folder of its own, <c>supervisor-PID</c>, holding one file per worker,
/// <c>slot-N</c>. The one definition of these names: the master creates them here, control commands find them from
/// the master's pid, and a new master recognises a dead master's folder by them.
/// </summary>
internal static class ScoreboardLocation
{
    private const string FolderPrefix = "supervisor-";
    private const string SlotPrefix = "slot-";

    /// <summary>tmpfs when there is one, so heartbeats never touch a disk; else the temp folder.</summary>
    public static string Parent => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public static string For(int masterPid) => For(masterPid, Parent);

    public static string For(int masterPid, string parent) =>
        Path.Combine(parent, FolderPrefix + masterPid.ToString(CultureInfo.InvariantCulture));

    public static string SlotFile(string scoreboard, int slot) =>
        Path.Combine(scoreboard, SlotPrefix + slot.ToString(CultureInfo.InvariantCulture));

    /// <summary>The master's pid in a scoreboard folder's name, or null when the name is not one.</summary>
    public static int? MasterOf(string name) => Number(name, FolderPrefix);

    /// <summary>The slot in a slot file's name, or null when the name is not one.</summary>
    public static int? SlotOf(string name) => Number(name, SlotPrefix);

    private static int? Number(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && name.Length > prefix.Length
        && name.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9') is false
        && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
