using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace Supervisor.Worker.Logging;

/// <summary>The one logging setup the master and its workers share.</summary>
internal static class SupervisorLog
{
    public static Logger Create(LogSettings settings)
    {
        var formatter = Formatter(settings.Format, Environment.ProcessId);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilog(settings.Level))
            .Enrich.WithProperty("pid", Environment.ProcessId);
        configuration = settings.ErrorLog == "-"
            ? configuration.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.File(formatter, settings.ErrorLog, shared: true, flushToDiskInterval: null);
        return configuration.CreateLogger();
    }

    public static ITextFormatter Formatter(LogFormat format, int pid) => format switch
    {
        LogFormat.Json => new RenderedCompactJsonFormatter(),
        _ => new GunicornTextFormatter(pid),
    };

    public static LogEventLevel ToSerilog(LogLevelName level) => level switch
    {
        LogLevelName.Debug => LogEventLevel.Debug,
        LogLevelName.Info => LogEventLevel.Information,
        LogLevelName.Warning => LogEventLevel.Warning,
        LogLevelName.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
