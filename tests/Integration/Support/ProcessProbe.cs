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

    public static void Signal(int pid, int signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
