using System.Globalization;

namespace Supervisor.Platform;

/// <summary>
/// What Linux's /proc says about a process: whether it still runs, how long it has, and its resident
/// memory. The root is a parameter so tests can lay out their own files.
/// </summary>
internal sealed class ProcFs
{
    // Index of starttime (field 22 of proc(5)) among the fields after the ")" that closes comm,
    // which begin at field 3 (state).
    private const int StartTimeIndex = 22 - 3;
    private const int UserTimeIndex = 14 - 3;
    private const int SystemTimeIndex = 15 - 3;
    private const int VirtualSizeIndex = 23 - 3;

    private readonly string _root;
    private readonly long _clockTicksPerSecond;

    public ProcFs(string root, long clockTicksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockTicksPerSecond, 1);
        _root = root;
        _clockTicksPerSecond = clockTicksPerSecond;
    }

    public static ProcFs System { get; } = new("/proc", ClockTicks.PerSecond());

    /// <summary>
    /// True when the pid names a process that has not exited. kill(pid, 0) also succeeds on a zombie, and an
    /// exited master stays one until its parent reaps it, so the state in /proc/PID/stat is checked too.
    /// </summary>
    public bool IsRunning(int pid)
    {
        if (pid <= 0 || !Libc.ProcessExists(pid))
        {
            return false;
        }

        return StatFields(pid) is not { } fields || fields[0] is not ("Z" or "X");
    }

    /// <summary>
    /// True when the process holds <paramref name="file"/> open (one of its descriptors is that very file), as
    /// the master holds its pidfile; null when its descriptors cannot be read (another user's process).
    /// </summary>
    public bool? HoldsOpen(int pid, FileStatus file)
    {
        string[] descriptors;
        try
        {
            descriptors = Directory.GetFileSystemEntries(Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture), "fd"));
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (IOException)
        {
            // It exited meanwhile.
            return false;
        }

        // Each entry is a link to what the descriptor refers to; stat follows it to that file.
        return descriptors.Any(d => SafeFiles.Status(d) is { } open && open.IsSameFile(file));
    }

    /// <summary>The process's name (its comm), or null when /proc cannot tell.</summary>
    public string? Name(int pid) => ReadText(Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture), "comm"))?.TrimEnd('\n');

    /// <summary>Time since the process started, or null when /proc cannot tell.</summary>
    public TimeSpan? Age(int pid)
    {
        if (StatFields(pid) is not { Length: > StartTimeIndex } fields
            || !long.TryParse(fields[StartTimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks)
            || ReadFirstNumber(Path.Combine(_root, "uptime")) is not { } uptime)
        {
            return null;
        }

        var age = uptime - ((double)startTicks / _clockTicksPerSecond);
        return TimeSpan.FromSeconds(Math.Max(0, age));
    }

    /// <summary>Resident set size in bytes (VmRSS), or null when /proc cannot tell.</summary>
    public long? ResidentBytes(int pid)
    {
        var lines = ReadLines(Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture), "status"));
        var line = lines?.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var parts = line?.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts is [_, var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : null;
    }

    /// <summary>
    /// CPU, memory, descriptors and start time of a process, as Prometheus's client libraries read them; null when
    /// /proc cannot tell (the process is gone).
    /// </summary>
    public ProcessUsage? Usage(int pid)
    {
        var folder = Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture));
        if (StatFields(pid) is not { Length: > VirtualSizeIndex } fields
            || Number(fields[UserTimeIndex]) is not { } user || Number(fields[SystemTimeIndex]) is not { } system
            || Number(fields[StartTimeIndex]) is not { } start || Number(fields[VirtualSizeIndex]) is not { } virtualBytes
            || BootTime() is not { } bootTime)
        {
            return null;
        }

        long? openFds;
        try
        {
            openFds = Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd")).LongCount();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            openFds = null;
        }

        // "Max open files            1024                 524288               files": the soft limit comes first.
        var limit = ReadLines(Path.Combine(folder, "limits"))?.FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var maxFds = limit?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var soft, ..] ? Number(soft) : null;
        return new ProcessUsage(
            (double)(user + system) / _clockTicksPerSecond, bootTime + ((double)start / _clockTicksPerSecond),
            ResidentBytes(pid), virtualBytes, openFds, maxFds);
    }

    /// <summary>When the machine booted, in seconds since the Unix epoch (btime in /proc/stat).</summary>
    private long? BootTime()
    {
        var line = ReadLines(Path.Combine(_root, "stat"))?.FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return line is null ? null : Number(line["btime ".Length..].Trim());
    }

    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The fields of /proc/PID/stat after comm, which may itself hold spaces and parentheses.</summary>
    private string[]? StatFields(int pid)
    {
        var text = ReadText(Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture), "stat"));
        var end = text?.LastIndexOf(')') ?? -1;
        return end < 0 ? null : text![(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static double? ReadFirstNumber(string path)
    {
        var first = ReadText(path)?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // The process may exit, or belong to a user whose /proc entries are hidden, while it is read.
    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[]? ReadLines(string path) => ReadText(path)?.Split('\n');
}
