using System.Globalization;

namespace Supervisor.Master.Workers;

/// <summary>
/// Recognises an app started through a wrapper that does not <c>exec</c> it (<c>#!/bin/sh</c> then
/// <c>dotnet app.dll</c>): the master started the shell, and the app, its child, claims the slot with its own pid.
/// Signals would reach the shell and not the app, so such a worker is refused, saying what to change.
/// </summary>
internal static class WrappedApp
{
    // Deep enough for a shell running a launcher running the app; a slot's pid is not trusted to end the walk.
    private const int MaxDepth = 8;

    /// <summary>
    /// The reason to refuse the worker when the pid its slot reports is a descendant of the process the master
    /// spawned; null when it is that process, or not one of its descendants (the slot's pid is the worker's word).
    /// </summary>
    /// <param name="parentOf">The parent pid of a process, or null when it is gone.</param>
    public static string? Describe(int spawnedPid, int slotPid, Func<int, int?> parentOf)
    {
        if (slotPid <= 1 || slotPid == spawnedPid)
        {
            return null;
        }

        var pid = slotPid;
        for (var depth = 0; depth < MaxDepth && parentOf(pid) is { } parent && parent > 1; depth++)
        {
            if (parent == spawnedPid)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Worker failed to boot: the app is not the process the master started (pid {spawnedPid} reports as pid {slotPid}); make the app command exec the app (exec dotnet app.dll in a wrapper script)");
            }

            pid = parent;
        }

        return null;
    }

    /// <summary>The parent pid, from /proc/PID/stat (the field after the command, which may hold spaces and parentheses).</summary>
    public static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
