using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A Serilog sink over a <see cref="ReopenableFile"/>: Serilog.Sinks.File cannot reopen its file, which
/// log rotation with USR1 needs.
/// </summary>
internal sealed class ReopenableFileSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;

    public ReopenableFileSink(string path, ITextFormatter formatter)
    {
        File = new ReopenableFile(path);
        _formatter = formatter;
    }

    public ReopenableFile File { get; }

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        _formatter.Format(logEvent, text);
        File.Write(text.ToString());
    }

    public void Dispose() => File.Dispose();
}
