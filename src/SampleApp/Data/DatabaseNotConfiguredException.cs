namespace SampleApp.Data;

/// <summary>A request needed the database, but the app was started without one; answered with 503.</summary>
internal sealed class DatabaseNotConfiguredException : Exception
{
    public DatabaseNotConfiguredException()
        : base(DatabaseSettings.NotConfiguredMessage)
    {
    }

    public DatabaseNotConfiguredException(string message)
        : base(message)
    {
    }

    public DatabaseNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
