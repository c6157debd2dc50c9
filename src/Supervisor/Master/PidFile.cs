using System.Globalization;
using Supervisor.Native;

namespace Supervisor.Master;

/// <summary>The master's pidfile: refuses to start over a live master, and is removed at exit.</summary>
internal sealed class PidFile : IDisposable
{
    private readonly object _lock = new();

    private PidFile(string path)
    {
        Path = path;
    }

    public string Path { get; private set; }

    /// <summary>Renames the file (pidfile.2 to pidfile when a binary upgrade completes).</summary>
    public void MoveTo(string path)
    {
        lock (_lock)
        {
            File.Move(Path, path, overwrite: true);
            Path = path;
        }
    }

    public static PidFile Create(string path)
    {
        if (ReadPid(path) is { } pid && pid != Environment.ProcessId && Libc.ProcessExists(pid))
        {
            throw new HaltException($"Already running on PID {pid} (pidfile {path}). Stop it first, or remove the file if that process is not a supervisor.", 1);
        }

        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HaltException($"Cannot write the pidfile {path}: {e.Message} Choose a folder the master can write, or run it as a user that can.", 1);
        }

        return new PidFile(path);
    }

    public static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            // Only our own: a newer master may have taken the path over.
            if (ReadPid(Path) == Environment.ProcessId)
            {
                File.Delete(Path);
            }
        }
    }
}
