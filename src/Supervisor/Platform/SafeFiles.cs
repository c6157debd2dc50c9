using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Supervisor.Platform;

/// <summary>
/// Files the master creates, often as root, in folders another user may write: never through a name someone
/// else planted (O_EXCL | O_NOFOLLOW on a fresh name), always with an explicit mode whatever the umask.
/// </summary>
internal static unsafe class SafeFiles
{
    /// <summary>rw-r--r--: the owner writes, anyone may read (a pidfile, a log).</summary>
    public const int PublicMode = 0x1A4;

    // Linux values, the same on x86-64 and arm64.
    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_APPEND = 0x400;
    private const int O_NOFOLLOW = 0x20000;
    private const int O_CLOEXEC = 0x80000;
    private const int EEXIST = 17;
    private const int ELOOP = 40;

    // A fresh random name is taken at the first try unless someone is guessing; a few more cover bad luck.
    private const int TemporaryAttempts = 4;

    /// <summary>
    /// Replaces <paramref name="path"/> with a file holding <paramref name="text"/>, atomically: written under a
    /// fresh random name created with O_EXCL | O_NOFOLLOW (so no planted file or link is ever opened), given
    /// <paramref name="mode"/>, then renamed over the path (rename replaces a link at the path, never follows it).
    /// Returns the file, still open, for a caller that keeps holding it.
    /// </summary>
    public static SafeFileHandle Replace(string path, string text, int mode)
    {
        for (var attempt = 1; ; attempt++)
        {
            var temporary = $"{path}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp";
            var fd = Libc.Open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
            if (fd < 0 && Marshal.GetLastPInvokeError() == EEXIST && attempt < TemporaryAttempts)
            {
                continue;
            }

            var handle = Checked(fd, temporary, "create");
            try
            {
                SetMode(handle, mode, temporary);
                RandomAccess.Write(handle, System.Text.Encoding.UTF8.GetBytes(text), 0);
                File.Move(temporary, path, overwrite: true);
                return handle;
            }
            catch
            {
                handle.Dispose();
                File.Delete(temporary);
                throw;
            }
        }
    }

    /// <summary>
    /// Opens a log file for appending without following a link at its name, creating it with
    /// <paramref name="mode"/> when it does not exist. <paramref name="created"/> says which happened.
    /// </summary>
    /// <exception cref="IOException">It cannot be opened; a link at the name fails with a message saying so.</exception>
    public static SafeFileHandle OpenForAppend(string path, int mode, out bool created)
    {
        var fd = Libc.Open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        created = fd >= 0;
        if (fd < 0 && Marshal.GetLastPInvokeError() == EEXIST)
        {
            fd = Libc.Open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0);
        }

        if (fd < 0 && Marshal.GetLastPInvokeError() == ELOOP)
        {
            throw new IOException($"Cannot open {path}: it is a symbolic link, which the master does not follow here.");
        }

        var handle = Checked(fd, path, "open");
        if (created)
        {
            SetMode(handle, mode, path);
        }

        return handle;
    }

    /// <summary>Creates a folder that must not exist yet; false when something is already at the path.</summary>
    public static bool TryMakeDirectory(string path, UnixFileMode mode)
    {
        if (Libc.MakeDirectory(path, (uint)mode) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST
            ? false
            : throw new IOException($"Cannot create the folder {path} (errno {errno}).");
    }

    public static void ChangeOwner(SafeFileHandle handle, uint uid, uint gid, string path)
    {
        if (Libc.FChown(handle, uid, gid) != 0)
        {
            throw new IOException($"Cannot give {path} to uid {uid}, gid {gid}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }
    }

    /// <summary>What the open file is.</summary>
    public static FileStatus Status(SafeFileHandle handle, string path)
    {
        var buffer = stackalloc byte[256];
        if (Libc.FStat(handle, buffer) != 0)
        {
            throw new IOException($"Cannot read what {path} is: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }

        return Decode(buffer);
    }

    /// <summary>What the path names, following links; null when it cannot be read (it does not exist, say).</summary>
    public static FileStatus? Status(string path)
    {
        var buffer = stackalloc byte[256];
        return Libc.Stat(path, buffer) == 0 ? Decode(buffer) : null;
    }

    /// <summary>What the path itself is, a link not followed; null when it cannot be read.</summary>
    public static FileStatus? LinkStatus(string path)
    {
        var buffer = stackalloc byte[256];
        return Libc.LStat(path, buffer) == 0 ? Decode(buffer) : null;
    }

    private static FileStatus Decode(byte* buffer)
    {
        // struct stat: st_dev and st_ino first on both; then x86-64 has st_nlink (8 bytes), st_mode, st_uid,
        // and arm64 (the generic layout) st_mode, st_nlink (4 bytes), st_uid.
        var device = *(ulong*)buffer;
        var inode = *(ulong*)(buffer + 8);
        return RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? new FileStatus(device, inode, *(uint*)(buffer + 24), *(ulong*)(buffer + 16), *(uint*)(buffer + 28))
            : new FileStatus(device, inode, *(uint*)(buffer + 16), *(uint*)(buffer + 20), *(uint*)(buffer + 24));
    }

    // open(2) applies the umask to the mode it is given; fchmod does not.
    private static void SetMode(SafeFileHandle handle, int mode, string path)
    {
        if (Libc.FChmod(handle, mode) != 0)
        {
            throw new IOException($"Cannot set the mode of {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }
    }

    private static SafeFileHandle Checked(int fd, string path, string verb)
    {
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"Cannot {verb} {path}: {Marshal.GetPInvokeErrorMessage(errno)}.";
            throw errno == 13 ? new UnauthorizedAccessException(message) : new IOException(message);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
