namespace Supervisor.Platform;

/// <summary>The unit of the times in /proc/PID/stat (USER_HZ).</summary>
internal static class ClockTicks
{
    private const int SC_CLK_TCK = 2;

    // USER_HZ is 100 on every architecture Linux runs .NET on; sysconf is asked in case one differs.
    private const long LinuxDefault = 100;

    public static long PerSecond()
    {
        var ticks = Libc.SysConf(SC_CLK_TCK);
        return ticks > 0 ? ticks : LinuxDefault;
    }
}
