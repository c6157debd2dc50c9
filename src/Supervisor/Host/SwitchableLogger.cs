using Serilog;
using Serilog.Core;
using Serilog.Events;
using Supervisor.Worker.Logging;

namespace Supervisor.Host;

/// <summary>
/// The master's logger, which a reload can point at new settings (level, format, destination) and USR1 can
/// make reopen its file, while every component keeps the same <see cref="ILogger"/>.
/// </summary>
internal sealed class SwitchableLogger : ILogger, IDisposable
{
    private readonly object _lock = new();
    private Logger _current;
    private AppendOnlyFile? _file;

    public SwitchableLogger(LogSettings settings)
    {
        Settings = settings;
        _current = SupervisorLog.Create(settings, out _file);
    }

    public LogSettings Settings { get; private set; }

    public void Write(LogEvent logEvent) => Volatile.Read(ref _current).Write(logEvent);

    public bool IsEnabled(LogEventLevel level) => Volatile.Read(ref _current).IsEnabled(level);

    /// <summary>Starts writing with new settings; the old logger is flushed and closed.</summary>
    public void Apply(LogSettings settings)
    {
        lock (_lock)
        {
            if (settings == Settings)
            {
                return;
            }

            var previous = _current;
            Volatile.Write(ref _current, SupervisorLog.Create(settings, out _file));
            Settings = settings;
            previous.Dispose();
        }
    }

    /// <summary>Opens the error log file again by name (after log rotation moved it).</summary>
    public void Reopen()
    {
        lock (_lock)
        {
            _file?.Reopen();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current.Dispose();
        }
    }
}
