namespace SampleApp.Data;

/// <summary>The database variables are set but do not make a usable setting; the message says which and what to do.</summary>
internal sealed class DatabaseSettingsException : Exception
{
    public DatabaseSettingsException()
    {
    }

    public DatabaseSettingsException(string message)
        : base(message)
    {
    }

    public DatabaseSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
