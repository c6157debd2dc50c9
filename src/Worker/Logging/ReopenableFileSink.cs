using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Supervisor.Worker.Logging;

/// <summary>
/// A Serilog sink over an <see cref="AppendOnlyFile"/>: Serilog.Sinks.File cannot reopen its file, which
/// log rotation with USR1 needs, and does not append with O_APPEND, which a file shared by several processes needs.
/// </summary>
internal sealed class ReopenableFileSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;

    public ReopenableFileSink(string path, ITextFormatter formatter)
    {
        File = new AppendOnlyFile(path);
        _formatter = formatter;
    }

    public AppendOnlyFile File { get; }

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        _formatter.Format(logEvent, text);
        // A failed write surfaces in Serilog's SelfLog; logging never takes the process down.
        File.Write(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
    }

    public void Dispose() => File.Dispose();
}
