namespace Supervisor.PythonConfig;

/// <summary>A value in a Python config file that convert does not evaluate; the message says what it is.</summary>
internal sealed class PythonSyntaxException : Exception
{
    public PythonSyntaxException(string message)
        : base(message)
    {
    }

    public PythonSyntaxException()
    {
    }

    public PythonSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
