using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A log file the master and every worker append to at once, reopened by name on USR1 (after logrotate moved
/// it): opened with O_APPEND, so each write(2) lands whole at the end of the file whoever else writes. A FileStream opened with FileMode.Append does not do this: it seeks
/// to the end once and then writes at its own offset (pwrite), so two workers overwrite each other's lines.
/// </summary>
internal sealed partial class AppendOnlyFile : IDisposable
{
    // Linux values (the same on x86-64 and arm64).
    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_APPEND = 0x400;
    private const int O_CLOEXEC = 0x80000;
    private const int EINTR = 4;

    // rw-rw-rw- less the umask, as every other file the process creates.
    private const int Mode = 0x1B6;

    private readonly Lock _lock = new();
    private SafeFileHandle? _handle;

    public AppendOnlyFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _handle = Open(Path);
    }

    public string Path { get; }

    /// <summary>Appends the bytes with one write; a closed file drops them.</summary>
    /// <exception cref="IOException">The write failed (a full disk, for example).</exception>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_handle is null)
            {
                return;
            }

            // A regular file takes the whole buffer in one call; the loop only covers a signal or a full disk midway.
            while (!bytes.IsEmpty)
            {
                var written = WriteOnce(_handle, bytes);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"Cannot write {Path}: {Marshal.GetPInvokeErrorMessage(errno)}.");
                }

                bytes = bytes[(int)written..];
            }
        }
    }

    /// <summary>
    /// Opens the path again (creating it when logrotate moved it away), then closes the old file. Lines written
    /// before the swap are in the old file, lines after it in the new one. If the path cannot be opened, the old
    /// file stays in use and the exception tells why.
    /// </summary>
    public void Reopen()
    {
        lock (_lock)
        {
            if (_handle is null)
            {
                return;
            }

            var fresh = Open(Path);
            _handle.Dispose();
            _handle = fresh;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    private static SafeFileHandle Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var fd = OpenFile(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, Mode);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"Cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}.";
            throw errno == 13 ? new UnauthorizedAccessException(message) : new IOException(message);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static unsafe nint WriteOnce(SafeFileHandle handle, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* buffer = bytes)
        {
            return WriteFile(handle, buffer, (nuint)bytes.Length);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenFile(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFile(SafeFileHandle fd, byte* buffer, nuint count);
}
