using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Supervisor.Worker.Native;

/// <summary>The calls an append-only log file needs: open with O_APPEND and O_NOFOLLOW, its mode, and who owns a link.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(SafeFileHandle fd, int mode);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int LStat(string path, byte* buffer);
}
