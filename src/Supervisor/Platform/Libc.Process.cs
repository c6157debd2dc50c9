using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>The calls that detach a process from its terminal: a session of its own, and stdio on /dev/null.</summary>
internal static unsafe partial class Libc
{
    private const int O_RDWR = 2;

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "dup3", SetLastError = true)]
    private static partial int Dup3(int oldFd, int newFd, int flags);

    /// <summary>
    /// Makes this process the leader of a new session without a controlling terminal, so the terminal's hangup and
    /// Ctrl-C no longer reach it. It fails (EPERM) only for a process group leader, which a process started by
    /// Process.Start is not.
    /// </summary>
    public static void NewSession()
    {
        if (SetSid() < 0)
        {
            throw new IOException($"Cannot start a new session (setsid, errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>
    /// Points each descriptor at /dev/null, in place: whoever holds one (a console writer) now writes to nothing, and
    /// what it pointed to (a terminal, a pipe) is no longer held open through it. 0, 1 and 2 are inherited by every
    /// process started from now on; the others stay close-on-exec.
    /// </summary>
    public static void PointAtNull(IEnumerable<int> fds)
    {
        var nullFd = Open("/dev/null", O_RDWR | O_CLOEXEC, 0);
        if (nullFd < 0)
        {
            throw new IOException($"Cannot open /dev/null (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            foreach (var fd in fds.Where(fd => fd != nullFd))
            {
                if (Dup3(nullFd, fd, fd <= 2 ? 0 : O_CLOEXEC) < 0)
                {
                    throw new IOException($"Cannot point descriptor {fd} at /dev/null (errno {Marshal.GetLastPInvokeError()}).");
                }
            }
        }
        finally
        {
            Close(nullFd);
        }
    }
}
