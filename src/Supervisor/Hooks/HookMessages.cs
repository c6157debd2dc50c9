namespace Supervisor.Hooks;

/// <summary>What the master says about its hooks; Gunicorn's hooks, being Python functions, have no lines to follow.</summary>
internal static class HookMessages
{
    public const string Running = "Running hook {Hook} (pid {Pid}): {Command}";
    public const string CannotStart =
        "Hook {Hook} could not start {Command}: {Reason} Check the hook's setting: its executable must exist and be executable by the master's user.";
    public const string Failed =
        "Hook {Hook} failed: {Command} exited with code {Code}. The master goes on; run the command by hand, with the variables docs/hooks.md lists, to see why.";
    public const string TimedOut =
        "Hook {Hook} (pid {Pid}) ran past hook_timeout ({Seconds}s) and was killed: {Command}. Make it finish sooner, start long work in the background, or raise hook_timeout.";
    public const string Dropped =
        "Hook {Hook} was not run: {Waiting} hooks are already waiting their turn. Hooks run one at a time, so a slow one holds up those after it.";
    public const string Abandoned =
        "{Count} hook(s) were not run or were stopped: the master is exiting and waits for its hooks {Seconds}s at most.";
}
