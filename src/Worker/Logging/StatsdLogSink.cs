using Serilog.Core;
using Serilog.Events;
using Supervisor.Worker.Metrics;

namespace Supervisor.Worker.Logging;

/// <summary>
/// Gunicorn's log counters: each warning, error and critical line of the error log adds one to
/// gunicorn.log.warning, .error or .critical, and an error logged with its exception to gunicorn.log.exception
/// instead, as Gunicorn's log.exception does. What a worker printed, captured by the master, is not the master's
/// log and is not counted.
/// </summary>
internal sealed class StatsdLogSink : ILogEventSink, IDisposable
{
    private readonly StatsdSender _sender;

    public StatsdLogSink(StatsdSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (Counter(logEvent) is { } name && !logEvent.Properties.ContainsKey(GunicornTextFormatter.CapturedPid))
        {
            _sender.Increment(name);
        }
    }

    public static string? Counter(LogEvent logEvent) => logEvent?.Level switch
    {
        LogEventLevel.Fatal => MetricNames.LogCritical,
        LogEventLevel.Error => logEvent.Exception is null ? MetricNames.LogError : MetricNames.LogException,
        LogEventLevel.Warning => MetricNames.LogWarning,
        _ => null,
    };

    public void Dispose() => _sender.Dispose();
}
