namespace Supervisor.Worker.Logging;

/// <summary>Gunicorn's log levels, in increasing severity.</summary>
internal enum LogLevelName
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}
