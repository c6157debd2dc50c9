using System.Runtime.InteropServices;

namespace Integration.Support;

/// <summary>fcntl, to hand a socket of the test's own down to the supervisor it starts.</summary>
internal static partial class Native
{
    private const int F_GETFD = 1;
    private const int F_SETFD = 2;
    private const int FD_CLOEXEC = 1;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    public static void ClearCloseOnExec(int fd) => Fcntl(fd, F_SETFD, Fcntl(fd, F_GETFD, 0) & ~FD_CLOEXEC);

    /// <summary>Restores close-on-exec so processes other tests start do not inherit the socket.</summary>
    public static void SetCloseOnExec(int fd) => Fcntl(fd, F_SETFD, Fcntl(fd, F_GETFD, 0) | FD_CLOEXEC);
}
