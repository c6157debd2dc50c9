namespace Supervisor;

/// <summary>
/// Variables of the master's environment that are for the master alone, taken out of the environment of every
/// process it starts (workers and hooks).
/// </summary>
internal static class MasterOnlyVariables
{
    /// <summary>
    /// A binary upgrade's handover, the mark of the master run -D starts, and systemd's: systemd talks to the master
    /// alone, and a child that notified it (an app using UseSystemd, a hook calling systemd-notify) would be taken
    /// for it.
    /// </summary>
    public static readonly IReadOnlyList<string> Names =
    [
        UpgradeVariables.Listeners, UpgradeVariables.ParentMaster, DaemonVariables.Detach,
        "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
    ];

    public static void RemoveFrom(IDictionary<string, string?> environment)
    {
        foreach (var name in Names)
        {
            environment.Remove(name);
        }
    }
}
