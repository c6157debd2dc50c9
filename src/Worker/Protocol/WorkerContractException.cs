namespace Supervisor.Worker.Protocol;

/// <summary>A contract variable is missing or malformed; the message names the variable and its value.</summary>
public sealed class WorkerContractException : Exception
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public WorkerContractException()
    {
    }

    /// <summary>Creates the exception with a message that names the variable and the value it received.</summary>
    /// <param name="message">What is wrong, for the user.</param>
    public WorkerContractException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong, for the user.</param>
    /// <param name="innerException">The cause.</param>
    public WorkerContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
