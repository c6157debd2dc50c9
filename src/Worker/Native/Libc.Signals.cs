using System.Runtime.InteropServices;

namespace Supervisor.Worker.Native;

/// <summary>Signal dispositions, which .NET's PosixSignalRegistration neither reads nor resets.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    public static partial nint SetHandler(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    public static partial int SigAction(int signal, byte* action, byte* old);
}
