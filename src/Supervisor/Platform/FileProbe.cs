using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>
/// What this process may do with a path or a descriptor, asked of the kernel rather than guessed from mode bits
/// (ACLs, read-only mounts and root's rights all count).
/// </summary>
internal static unsafe class FileProbe
{
    private const int AT_FDCWD = -100;
    private const int AT_EACCESS = 0x200;
    private const int W_OK = 2;
    private const int X_OK = 1;
    private const int SOL_SOCKET = 1;
    private const int SO_TYPE = 3;
    private const int EBADF = 9;

    /// <summary>True when this process, with its effective user and groups, may write the file or folder.</summary>
    public static bool CanWrite(string path) => Libc.AccessAt(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;

    /// <summary>True when this process, with its effective user and groups, may execute the file.</summary>
    public static bool CanExecute(string path) => Libc.AccessAt(AT_FDCWD, path, X_OK, AT_EACCESS) == 0;

    /// <summary>What descriptor <paramref name="fd"/> is in this process.</summary>
    public static DescriptorKind Descriptor(int fd)
    {
        int type;
        var length = sizeof(int);
        if (Libc.GetSockOpt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0)
        {
            return DescriptorKind.Socket;
        }

        return Marshal.GetLastPInvokeError() == EBADF ? DescriptorKind.Closed : DescriptorKind.NotASocket;
    }
}
