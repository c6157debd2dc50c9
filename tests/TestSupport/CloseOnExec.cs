using System.Runtime.InteropServices;

namespace TestSupport;

/// <summary>
/// fcntl's close-on-exec flag, to hand a descriptor of the test's own down to a process it starts (.NET opens
/// everything close-on-exec) and to take it back so processes other tests start do not inherit it.
/// </summary>
public static partial class CloseOnExec
{
    private const int F_GETFD = 1;
    private const int F_SETFD = 2;
    private const int FD_CLOEXEC = 1;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    public static void Set(int fd, bool on)
    {
        var flags = Fcntl(fd, F_GETFD, 0);
        if (flags < 0 || Fcntl(fd, F_SETFD, on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC) < 0)
        {
            throw new InvalidOperationException($"fcntl on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
