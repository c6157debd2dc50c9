using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Supervisor.Worker.Metrics;

namespace Supervisor.Worker.Logging;

/// <summary>The one logging setup the master and its workers share.</summary>
internal static class SupervisorLog
{
    public static Logger Create(LogSettings settings) => Create(settings, out _);

    /// <param name="file">The error log file, to reopen on USR1; null when the log goes to stderr.</param>
    public static Logger Create(LogSettings settings, out AppendOnlyFile? file)
    {
        var formatter = Formatter(settings.Format, Environment.ProcessId);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilog(settings.Level))
            .Enrich.WithProperty("pid", Environment.ProcessId);
        file = null;
        if (settings.ErrorLog == "-")
        {
            configuration = configuration.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose);
        }
        else
        {
            var sink = new ReopenableFileSink(settings.ErrorLog, formatter);
            file = sink.File;
            configuration = configuration.WriteTo.Sink(sink);
        }

        if (settings.Syslog is { } syslog)
        {
            configuration = configuration.WriteTo.Sink(new SyslogSink(new SyslogSender(syslog)));
        }

        if (settings.Statsd is { } statsd)
        {
            configuration = configuration.WriteTo.Sink(new StatsdLogSink(new StatsdSender(statsd)));
        }

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
