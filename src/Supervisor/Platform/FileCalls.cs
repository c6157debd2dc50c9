using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Supervisor.Platform;

/// <summary>
/// The file calls a master needs to make private folders and hand files to the workers' user, which the BCL lacks:
/// lstat's owner, mkdir that fails on an existing path, fchown.
/// </summary>
internal static unsafe class FileCalls
{
    public const uint TypeMask = 0xF000;
    public const uint Directory = 0x4000;
    public const uint RegularFile = 0x8000;

    private const int EEXIST = 17;

    /// <summary>The type and permission bits and the owner of a path, not following a symbolic link; null when it is gone.</summary>
    public static (uint Mode, uint Uid)? Of(string path)
    {
        var buffer = stackalloc byte[512];
        if (Libc.LStat(path, buffer) != 0)
        {
            return null;
        }

        // x86-64: st_dev, st_ino, st_nlink (8 bytes each), st_mode, st_uid. arm64: st_dev, st_ino, st_mode, st_nlink, st_uid.
        var (modeOffset, uidOffset) = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, 28) : (16, 24);
        return (*(uint*)(buffer + modeOffset), *(uint*)(buffer + uidOffset));
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

    public static void Chown(SafeFileHandle file, string path, uint uid, uint gid)
    {
        if (Libc.FChown(file, uid, gid) != 0)
        {
            throw new IOException($"Cannot give {path} to uid {uid}, gid {gid} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}
