using System.Runtime.InteropServices;

namespace Worker.Tests.Support;

internal static unsafe partial class Native
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGTERM = 15;

    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int EAGAIN = 11;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    public static void SetNonBlocking(int fd, bool on)
    {
        var flags = Fcntl(fd, F_GETFL, 0);
        if (flags < 0 || Fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0)
        {
            throw new InvalidOperationException($"fcntl on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>A pipe whose ends are both non-blocking and close-on-exec.</summary>
    public static (int Read, int Write) NonBlockingPipe()
    {
        var fds = stackalloc int[2];
        if (Pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        {
            throw new InvalidOperationException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (fds[0], fds[1]);
    }

    /// <summary>Reads what a non-blocking descriptor holds now; 0 when it holds nothing.</summary>
    public static int ReadAvailable(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var read = Read(fd, p, (nuint)buffer.Length);
            if (read < 0 && Marshal.GetLastPInvokeError() == EAGAIN)
            {
                return 0;
            }

            return read >= 0 ? (int)read : throw new InvalidOperationException($"read on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Writes to a non-blocking descriptor until it is full.</summary>
    public static void Fill(int fd)
    {
        var chunk = stackalloc byte[4096];
        while (Write(fd, chunk, 4096) > 0)
        {
        }

        if (Marshal.GetLastPInvokeError() != EAGAIN)
        {
            throw new InvalidOperationException($"write on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
