using System.Runtime.InteropServices;

namespace Supervisor.Worker.Native;

/// <summary>
/// The few libc calls the BCL has no API for, the worker assembly's only P/Invokes: processes and descriptors
/// here; signal dispositions in Libc.Signals.cs, the log file's calls in Libc.Files.cs.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>errno: no such process.</summary>
    public const int ESRCH = 3;

    public const int F_GETFL = 3;
    public const int F_SETFL = 4;

    /// <summary>The same value on x86-64 and arm64.</summary>
    public const int O_NONBLOCK = 0x800;

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentPid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);
}
