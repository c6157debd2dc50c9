using Supervisor.Worker.Metrics;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Logging;

/// <summary>What the error log needs: its level, its format, and where it goes ("-" is stderr).</summary>
internal sealed record LogSettings(LogLevelName Level, LogFormat Format, string ErrorLog)
{
    public static readonly LogSettings Default = new(LogLevelName.Info, LogFormat.Text, "-");

    /// <summary>Null: no syslog.</summary>
    public SyslogSettings? Syslog { get; init; }

    /// <summary>Null: no statsd, so no log counters.</summary>
    public StatsdSettings? Statsd { get; init; }

    /// <summary>The log as a contract describes it: the master makes its own from the contract its workers get.</summary>
    public static LogSettings From(WorkerContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new LogSettings(
            Enum.Parse<LogLevelName>(contract.LogLevel, ignoreCase: true),
            Enum.Parse<LogFormat>(contract.LogFormat, ignoreCase: true),
            contract.ErrorLog)
        {
            Syslog = SyslogSettings.From(contract),
            Statsd = StatsdSettings.From(contract),
        };
    }
}
