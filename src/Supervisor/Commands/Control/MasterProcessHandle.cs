using System.Globalization;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>
/// The master named by a pidfile, checked when it is found to be running and to be the master that wrote the
/// file: the master holds its pidfile open while it runs (Master/PidFile.cs), so a process that does
/// not (a pid reused since, or a pid someone wrote in the file) is refused and never signalled.
/// </summary>
internal sealed class MasterProcessHandle : IMasterProcessHandle
{
    // Enough of a garbled pidfile to recognise it, short enough for one line.
    private const int ShownContentLength = 40;

    private readonly ProcFs _proc;

    private MasterProcessHandle(int pid, string pidFile, ProcFs proc)
    {
        Pid = pid;
        PidFile = pidFile;
        _proc = proc;
    }

    public int Pid { get; }

    public string PidFile { get; }

    /// <summary>Reads the pidfile at <paramref name="path"/> (absolute) and checks its process runs.</summary>
    public static MasterProcessHandle FromPidFile(string path, ProcFs proc)
    {
        var text = ReadPidFile(path);
        var trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            var shown = trimmed.Length > ShownContentLength ? trimmed[..ShownContentLength] + "..." : trimmed;
            throw new ControlException(ControlMessages.PidFileGarbage(path, shown.ReplaceLineEndings(" ")));
        }

        if (!proc.IsRunning(pid))
        {
            throw new ControlException(ControlMessages.MasterNotRunning(path, pid));
        }

        // The file as it is now: a master that renamed pidfile.2 over it holds this same file.
        var holds = SafeFiles.Status(path) is { } file ? proc.HoldsOpen(pid, file) : false;
        if (holds is null)
        {
            throw new ControlException(ControlMessages.MasterUncheckable(path, pid));
        }

        if (holds == false)
        {
            throw new ControlException(ControlMessages.NotTheMaster(path, pid, proc.Name(pid)));
        }

        return new MasterProcessHandle(pid, path, proc);
    }

    public bool IsRunning() => _proc.IsRunning(Pid);

    public void Send(ControlSignal signal)
    {
        if (Libc.Kill(Pid, signal.Number, out var errno))
        {
            return;
        }

        throw new ControlException(errno switch
        {
            // It exited between the check and the signal.
            Libc.ESRCH => ControlMessages.MasterNotRunning(PidFile, Pid),
            Libc.EPERM => ControlMessages.SignalDenied(signal, Pid),
            _ => ControlMessages.SignalFailed(signal, Pid, errno),
        });
    }

    private static string ReadPidFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ControlException(ControlMessages.PidFileMissing(path));
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw new ControlException(ControlMessages.PidFileIsDirectory(path));
        }
        catch (UnauthorizedAccessException)
        {
            throw new ControlException(ControlMessages.PidFileDenied(path));
        }
        catch (IOException e)
        {
            throw new ControlException(ControlMessages.PidFileUnreadable(path, e.Message));
        }
    }
}
