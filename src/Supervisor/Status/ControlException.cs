using Supervisor.Worker.Protocol;

namespace Supervisor.Status;

/// <summary>
/// A control command cannot go on; the message is written for the user as it stands (what, where, what
/// to do) and the command exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class ControlException : Exception
{
    public ControlException(string message, int exitCode = ExitCodes.ConfigError)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public ControlException()
    {
    }

    public ControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.ConfigError;
}
