using System.Runtime.InteropServices;
using System.Text;
using Supervisor.Worker.Native;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A log file that can be closed and opened again by name (USR1 after logrotate moved it), so new lines go to
/// a new file and none is lost. The file is opened with O_APPEND and each record is one write(2), so the master
/// and its workers share one file without overwriting or splitting each other's lines. (.NET's FileMode.Append
/// only seeks to the end once, at open: two processes would then write over each other.)
/// </summary>
internal sealed class ReopenableFile : IDisposable
{
    private readonly object _lock = new();
    private int _fd;

    public ReopenableFile(string path)
    {
        Path = path;
        _fd = Open(path);
    }

    public string Path { get; }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public unsafe void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            fixed (byte* start = bytes)
            {
                var written = 0;
                while (_fd >= 0 && written < bytes.Length)
                {
                    var n = LibC.Write(_fd, start + written, bytes.Length - written);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == EINTR)
                        {
                            continue;
                        }

                        return; // a log line cannot be written anywhere better; the process goes on
                    }

                    written += (int)n;
                }
            }
        }
    }

    /// <summary>Closes the file and opens the path again, creating it when it was moved away.</summary>
    public void Reopen()
    {
        lock (_lock)
        {
            var next = Open(Path);
            if (_fd >= 0)
            {
                LibC.Close(_fd);
            }

            _fd = next;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_fd >= 0)
            {
                LibC.Close(_fd);
                _fd = -1;
            }
        }
    }

    private const int EINTR = 4;

    private static int Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var fd = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND | LibC.O_CLOEXEC, Convert.ToInt32("644", 8));
        if (fd < 0)
        {
            throw new IOException($"Cannot open the log file {path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        return fd;
    }
}
