using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Supervisor.Tests.Support;

/// <summary>Keeps log events so a test can read what the master said.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Messages as a log line shows them: strings without quotes.</summary>
    public IEnumerable<string> Messages => Events.Select(Render);

    public static string Render(LogEvent logEvent)
    {
        using var output = new StringWriter();
        new MessageTemplateTextFormatter("{Message:l}").Format(logEvent, output);
        return output.ToString();
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
}
