using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>
/// The libc calls the BCL has no API for, the master's only P/Invokes: signals, descriptor and socket flags, pipes
/// here; files in Libc.Files.cs, users in Libc.Users.cs.
/// </summary>
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
    private const int SO_REUSEPORT = 15;

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

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsTerminal(int fd);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    public static partial nint SysConf(int name);

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

    /// <summary>SO_REUSEPORT (Gunicorn's reuse_port): other sockets of this user with it may bind the same port.</summary>
    public static void SetReusePort(int fd)
    {
        var one = 1;
        if (SetSockOpt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(int)) != 0)
        {
            throw new IOException($"Cannot set SO_REUSEPORT on descriptor {fd} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Sets the process's umask; returns the one it replaces.</summary>
    public static int SetUmask(int mask) => (int)Umask((uint)mask);
}
