namespace Supervisor.Worker.Protocol;

/// <summary>A contract variable is missing or malformed; the message names the variable and its value.</summary>
public sealed class WorkerContractException : Exception
{
    public WorkerContractException()
    {
    }

    public WorkerContractException(string message)
        : base(message)
    {
    }

    public WorkerContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
