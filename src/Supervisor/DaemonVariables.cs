namespace Supervisor;

/// <summary>What <c>supervisor run -D</c> tells the master it starts in the background, through its environment.</summary>
internal static class DaemonVariables
{
    /// <summary>
    /// "1" for that master: it detaches (a session of its own, stdio on /dev/null) and says on its stderr, which
    /// <c>run -D</c> relays to the terminal, when its workers are READY. It takes the variable out of its
    /// environment at once, so no worker, hook or new master of a binary upgrade sees it.
    /// </summary>
    public const string Detach = "SUPERVISOR_DAEMON";
}
