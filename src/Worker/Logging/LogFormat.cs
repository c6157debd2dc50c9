namespace Supervisor.Worker.Logging;

/// <summary>How log events are written: Gunicorn-style text lines or compact JSON, one object per line.</summary>
internal enum LogFormat
{
    Text,
    Json,
}
