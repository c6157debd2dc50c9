namespace Supervisor.Host;

/// <summary>This process's command line, to start the same master again (a binary upgrade, or <c>run -D</c>'s master).</summary>
internal static class OwnCommandLine
{
    /// <summary>The exact argv this process was started with (the runtime's own view drops the host's arguments).</summary>
    public static string[] Read()
    {
        var raw = File.ReadAllText("/proc/self/cmdline");
        return raw.TrimEnd('\0').Split('\0');
    }
}
