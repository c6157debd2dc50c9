using System.Text;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A log file that can be closed and opened again by name (USR1 after logrotate moved it), so new lines go to
/// a new file and none is lost. Each record is appended with one write, and the file is opened for append, so
/// the master and its workers can share one file without their lines interleaving.
/// </summary>
internal sealed class ReopenableFile : IDisposable
{
    private readonly object _lock = new();
    private FileStream? _stream;

    public ReopenableFile(string path)
    {
        Path = path;
        _stream = Open(path);
    }

    public string Path { get; }

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_lock)
        {
            if (_stream is null)
            {
                return;
            }

            _stream.Write(bytes);
            _stream.Flush();
        }
    }

    /// <summary>Closes the file and opens the path again, creating it when it was moved away.</summary>
    public void Reopen()
    {
        lock (_lock)
        {
            _stream?.Dispose();
            _stream = Open(Path);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    private static FileStream Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);

        // No buffer of its own: every Write is one write(2) on an O_APPEND descriptor.
        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }
}
