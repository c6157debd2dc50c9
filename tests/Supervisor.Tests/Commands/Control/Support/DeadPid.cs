namespace Supervisor.Tests.Commands.Control.Support;

/// <summary>A pid no process can have: above Linux's largest pid_max (2^22).</summary>
internal static class DeadPid
{
    public const int Value = 99_999_999;
}
