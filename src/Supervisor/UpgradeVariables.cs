namespace Supervisor;

/// <summary>What a master tells the new master it starts on USR2 (binary upgrade), through its environment.</summary>
internal static class UpgradeVariables
{
    /// <summary>The listeners handed over, one per line: "FD ADDRESS", e.g. "3 127.0.0.1:8000".</summary>
    public const string Listeners = "SUPERVISOR_INHERITED_LISTENERS";

    /// <summary>The old master's pid: the new master writes pidfile.2 until that process is gone.</summary>
    public const string ParentMaster = "SUPERVISOR_PARENT_MASTER";
}
