namespace Supervisor.Worker.Logging;

/// <summary>What the error log needs: its level, its format, and where it goes ("-" is stderr).</summary>
internal sealed record LogSettings(LogLevelName Level, LogFormat Format, string ErrorLog)
{
    public static readonly LogSettings Default = new(LogLevelName.Info, LogFormat.Text, "-");
}
