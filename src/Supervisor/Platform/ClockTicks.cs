using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>The unit of the times in /proc/PID/stat (USER_HZ).</summary>
internal static partial class ClockTicks
{
    private const int SC_CLK_TCK = 2;

    // USER_HZ is 100 on every architecture Linux runs .NET on; sysconf is asked in case one differs.
    private const long LinuxDefault = 100;

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial nint SysConf(int name);

    public static long PerSecond()
    {
        var ticks = SysConf(SC_CLK_TCK);
        return ticks > 0 ? ticks : LinuxDefault;
    }
}
