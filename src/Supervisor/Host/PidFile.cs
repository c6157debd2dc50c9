using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// The master's pidfile: refuses to start over a live master, and is removed at exit. It is created under a
/// fresh name (never through a file or link someone planted), rw-r--r-- whatever the umask, and the master
/// holds it open while it runs: that is how the control commands recognise the master the file names
/// (a process that holds this very file open), so they never signal an unrelated process.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly object _lock = new();
    private readonly SafeFileHandle _held;

    private PidFile(string path, SafeFileHandle held)
    {
        Path = path;
        _held = held;
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

        try
        {
            var held = SafeFiles.Replace(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", SafeFiles.PublicMode);
            return new PidFile(path, held);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HaltException($"Cannot write the pidfile {path}: {e.Message} Choose a folder the master can write, or run it as a user that can.", 1);
        }
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

            _held.Dispose();
        }
    }
}
