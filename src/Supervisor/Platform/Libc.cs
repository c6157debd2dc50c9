using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>The libc calls the BCL has no API for: sending signals, socket and descriptor flags, pipes, users.</summary>
internal static unsafe partial class Libc
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGWINCH = 28;

    public const int ESRCH = 3;
    public const int EPERM = 1;
    public const int EINTR = 4;

    private const int F_GETFD = 1;
    private const int F_SETFD = 2;
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const int FD_CLOEXEC = 1;

    // The same values on x86-64 and arm64.
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1;
    private const int SO_REUSEADDR = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChownNative(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupEntry(string name);

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte* buffer);

    /// <summary>True when the path names a unix socket (not following a symbolic link).</summary>
    public static bool IsSocket(string path)
    {
        const uint S_IFMT = 0xF000;
        const uint S_IFSOCK = 0xC000;
        var buffer = stackalloc byte[512];
        if (LStat(path, buffer) != 0)
        {
            return false;
        }

        // st_mode follows st_dev, st_ino and st_nlink on x86-64; st_dev and st_ino on arm64.
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return (*(uint*)(buffer + modeOffset) & S_IFMT) == S_IFSOCK;
    }

    /// <summary>Sends a signal; false with errno when it could not (ESRCH: the process is gone).</summary>
    public static bool Kill(int pid, int signal, out int errno)
    {
        var ok = KillNative(pid, signal) == 0;
        errno = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    /// <summary>True when a process with this pid exists (it may belong to another user).</summary>
    public static bool ProcessExists(int pid) => Kill(pid, 0, out var errno) || errno == EPERM;

    /// <summary>Lets children inherit the descriptor at the same number (.NET opens everything close-on-exec).</summary>
    public static void ClearCloseOnExec(int fd) => ChangeFlags(fd, F_GETFD, F_SETFD, set: 0, clear: FD_CLOEXEC, "inheritable");

    /// <summary>Keeps the descriptor from children started from now on.</summary>
    public static void SetCloseOnExec(int fd) => ChangeFlags(fd, F_GETFD, F_SETFD, set: FD_CLOEXEC, clear: 0, "close-on-exec");

    /// <summary>Reads and writes on the descriptor fail with EAGAIN instead of waiting.</summary>
    public static void SetNonBlocking(int fd) => ChangeFlags(fd, F_GETFL, F_SETFL, set: O_NONBLOCK, clear: 0, "non-blocking");

    /// <summary>Reads the descriptor's (or its file's) flags with <paramref name="get"/> and writes them back changed.</summary>
    private static void ChangeFlags(int fd, int get, int put, int set, int clear, string becoming)
    {
        var flags = Fcntl(fd, get, 0);
        if (flags < 0 || Fcntl(fd, put, (flags | set) & ~clear) < 0)
        {
            throw new IOException($"Cannot make descriptor {fd} {becoming} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>A pipe whose two ends are close-on-exec, so no child inherits either until told to.</summary>
    public static (int Read, int Write) CreatePipe()
    {
        var fds = stackalloc int[2];
        if (Pipe2(fds, O_CLOEXEC) != 0)
        {
            throw new IOException($"Cannot create a pipe (errno {Marshal.GetLastPInvokeError()}).");
        }

        return (fds[0], fds[1]);
    }

    /// <summary>
    /// SO_REUSEADDR alone. .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which would let a
    /// second server bind the same port silently instead of reporting it in use.
    /// </summary>
    public static void SetReuseAddress(int fd)
    {
        var one = 1;
        if (SetSockOpt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(int)) != 0)
        {
            throw new IOException($"Cannot set SO_REUSEADDR on descriptor {fd} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    public static void Chown(string path, uint uid, uint gid)
    {
        if (ChownNative(path, uid, gid) != 0)
        {
            throw new IOException($"Cannot give {path} to uid {uid}, gid {gid} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>The uid and primary gid of a user, or null when there is no such user.</summary>
    public static (uint Uid, uint Gid)? FindUser(string name)
    {
        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... }
        var entry = GetPasswordEntry(name);
        if (entry == IntPtr.Zero)
        {
            return null;
        }

        var ids = (uint*)((byte*)entry + (2 * IntPtr.Size));
        return (ids[0], ids[1]);
    }

    /// <summary>The gid of a group, or null when there is no such group.</summary>
    public static uint? FindGroup(string name)
    {
        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
        var entry = GetGroupEntry(name);
        return entry == IntPtr.Zero ? null : *(uint*)((byte*)entry + (2 * IntPtr.Size));
    }
}
