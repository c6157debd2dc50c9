namespace Supervisor;

/// <summary>Stops the master with a reason and an exit status (Gunicorn's HaltServer).</summary>
internal sealed class HaltException : Exception
{
    public HaltException(string reason, int exitCode)
        : base(reason)
    {
        ExitCode = exitCode;
    }

    public HaltException()
    {
    }

    public HaltException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = 1;
}
