using System.Globalization;
using System.Net;

namespace Supervisor.Platform;

/// <summary>
/// The accept queues of a process's listening TCP sockets, read from outside it: /proc/PID/net/tcp and tcp6 list
/// every socket with its inode, and for one in LISTEN (state 0A) rx_queue is the connections waiting to be
/// accepted. The process's own sockets are those whose inodes its /proc/PID/fd links name.
/// </summary>
internal static class ListenQueues
{
    private const string Listen = "0A";

    /// <summary>Each listening address of the process and its queue; empty when /proc cannot tell.</summary>
    public static IReadOnlyList<(string Address, long Queued)> Read(string procRoot, int pid)
    {
        var folder = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        HashSet<string> inodes;
        try
        {
            inodes = Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd"))
                .Select(fd => new FileInfo(fd).LinkTarget)
                .Where(t => t is not null && t.StartsWith("socket:[", StringComparison.Ordinal))
                .Select(t => t!["socket:[".Length..^1])
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var queues = new List<(string, long)>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(Path.Combine(folder, "net", table));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            foreach (var fields in lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (fields.Length > 9 && fields[3] == Listen && inodes.Contains(fields[9])
                    && Address(fields[1]) is { } address
                    && long.TryParse(fields[4].Split(':')[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var queued))
                {
                    queues.Add((address, queued));
                }
            }
        }

        return queues;
    }

    /// <summary>"0100007F:1F90" is 127.0.0.1:8080: the address in the kernel's byte order, 32 bits at a time.</summary>
    internal static string? Address(string field)
    {
        var parts = field.Split(':');
        if (parts.Length != 2 || parts[0].Length is not (8 or 32)
            || !int.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var bytes = new byte[parts[0].Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(parts[0].AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPEndPoint(new IPAddress(bytes), port).ToString();
    }
}
