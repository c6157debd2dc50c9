namespace Supervisor.Worker.Protocol;

/// <summary>
/// Gunicorn's proc_name as Linux can show it: the process's name (comm), which ps -o comm, top and pgrep show,
/// at most 15 bytes. "NAME master" and "NAME worker" while that fits; NAME alone, cut to 15, when it does not.
/// The master names itself and each worker names itself from <see cref="ContractVariables.ProcName"/>, by this one rule.
/// </summary>
internal static class ProcessName
{
    public const int MaxLength = 15;

    public static string For(string name, string role)
    {
        var full = $"{name} {role}";
        return full.Length <= MaxLength ? full : name[..Math.Min(name.Length, MaxLength)];
    }

    /// <summary>Names this process; /proc/self/comm names the process's main thread, whichever thread writes it.</summary>
    public static void Set(string name)
    {
        try
        {
            File.WriteAllText("/proc/self/comm", name);
        }
        catch (IOException)
        {
            // No /proc, or a name it refuses: the process keeps its name, which is only cosmetic.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
