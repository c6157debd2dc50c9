using System.Runtime.InteropServices;

namespace Supervisor.Worker.Native;

/// <summary>The few libc calls the BCL has no API for.</summary>
internal static partial class LibC
{
    /// <summary>errno: no such process.</summary>
    public const int ESRCH = 3;

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentPid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
