using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Supervisor.Worker.Native;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A log file the master and every worker append to at once, reopened by name on USR1 (after logrotate moved
/// it): opened with O_APPEND, so each write(2) lands whole at the end of the file whoever else writes. A FileStream opened with FileMode.Append does not do this: it seeks
/// to the end once and then writes at its own offset (pwrite), so two workers overwrite each other's lines.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    // Linux values (the same on x86-64 and arm64).
    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_APPEND = 0x400;
    private const int O_NOFOLLOW = 0x20000;
    private const int O_CLOEXEC = 0x80000;
    private const int EINTR = 4;
    private const int EEXIST = 17;
    private const int ELOOP = 40;

    // rw-r--r--, set with fchmod whatever the umask: the writer appends, anyone may read.
    private const int Mode = 0x1A4;

    private readonly object _lock = new();
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
        var noFollow = LinkPolicy(path);
        var fd = Libc.Open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | noFollow, Mode);
        var created = fd >= 0;
        if (!created && Marshal.GetLastPInvokeError() == EEXIST)
        {
            // It exists, or is a link (whose missing target open then creates, as before).
            fd = Libc.Open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | noFollow, Mode);
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var reason = errno == ELOOP ? "it became a symbolic link while it was opened" : Marshal.GetPInvokeErrorMessage(errno);
            var message = $"Cannot open {path}: {reason}.";
            throw errno == 13 ? new UnauthorizedAccessException(message) : new IOException(message);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (created)
        {
            // open(2) applied the umask. Should fchmod fail, the file is still usable with the mode it has.
            _ = Libc.FChmod(handle, Mode);
        }

        return handle;
    }

    /// <summary>
    /// O_NOFOLLOW, or 0 where following a link is safe. A process running as root (the master) follows only a
    /// link owned by root (/dev/stdout, or one the administrator made): a link someone else planted at the name
    /// would make it append to any file on the host. Anyone else follows links as the kernel allows.
    /// </summary>
    private static int LinkPolicy(string path)
    {
        if (Libc.GetEffectiveUserId() != 0)
        {
            return 0;
        }

        return LinkOwner(path) switch
        {
            null => O_NOFOLLOW,
            0 => 0,
            var uid => throw new UnauthorizedAccessException(
                $"Cannot open {path}: it is a symbolic link owned by uid {uid}, and a process running as root follows only links owned by root. Point the setting at the file itself."),
        };
    }

    /// <summary>The owner of the symbolic link at the path; null when the path is no link (or does not exist).</summary>
    private static unsafe uint? LinkOwner(string path)
    {
        const uint TypeMask = 0xF000;
        const uint LinkType = 0xA000;
        var buffer = stackalloc byte[256];
        if (Libc.LStat(path, buffer) != 0)
        {
            return null;
        }

        // struct stat: st_mode, st_uid at 24, 28 on x86-64; at 16, 24 on arm64 (the generic layout).
        var x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        var mode = *(uint*)(buffer + (x64 ? 24 : 16));
        return (mode & TypeMask) == LinkType ? *(uint*)(buffer + (x64 ? 28 : 24)) : null;
    }

    private static unsafe nint WriteOnce(SafeFileHandle handle, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* buffer = bytes)
        {
            // Write holds the lock that Reopen and Dispose take before closing, so the descriptor stays open.
            return Libc.Write((int)handle.DangerousGetHandle(), buffer, (nuint)bytes.Length);
        }
    }
}
