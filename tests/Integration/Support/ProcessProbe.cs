using System.Globalization;

namespace Integration.Support;

/// <summary>What /proc says about a process.</summary>
public static class ProcessProbe
{
    /// <summary>Alive and not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var state = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains("zombie", StringComparison.Ordinal) && !state.Contains("dead", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static int? StatusNumber(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? null : int.Parse(line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The pipes a process holds open, each as /proc names it: "pipe:[inode]".</summary>
    public static IReadOnlySet<string> OpenPipes(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fd").Select(Link).Where(l => l.StartsWith("pipe:", StringComparison.Ordinal)).ToHashSet();

    /// <summary>The pipe a worker was told to wake its master through (SUPERVISOR_WAKE_FD), as /proc names it.</summary>
    public static string WakePipe(int pid)
    {
        const string prefix = "SUPERVISOR_WAKE_FD=";
        var variable = File.ReadAllText($"/proc/{pid}/environ").Split('\0').Single(v => v.StartsWith(prefix, StringComparison.Ordinal));
        return Link($"/proc/{pid}/fd/{variable[prefix.Length..]}");
    }

    /// <summary>What a descriptor in /proc links to; "" when it closed meanwhile.</summary>
    private static string Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static void Signal(int pid, int signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
