using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>Users and groups: who the master runs as, and the ids of the user and group the workers run as.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupEntry(string name);

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
