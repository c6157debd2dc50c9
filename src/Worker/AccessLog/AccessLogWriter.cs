using Microsoft.Extensions.Logging;

namespace Supervisor.Worker.AccessLog;

/// <summary>Renders a finished request with the configured layout and writes it to the sink.</summary>
internal sealed class AccessLogWriter : IDisposable
{
    private readonly IAccessLogLayout _layout;
    private readonly IAccessLogSink _sink;
    private readonly ILogger _logger;

    // 1 once a failed write was reported, so a full disk logs one error rather than one per request.
    private int _failing;

    public AccessLogWriter(IAccessLogLayout layout, IAccessLogSink sink, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        _layout = layout;
        _sink = sink;
        _logger = logger;
    }

    /// <summary>Never throws for a failed write: the response is already sent, and the request must not fail.</summary>
    public void Write(in AccessLogEntry entry)
    {
        var line = LineBuffer.Rent();
        try
        {
            _layout.Render(entry, line);
            _sink.Write(line.WrittenSpan);
            if (_failing != 0)
            {
                Volatile.Write(ref _failing, 0);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                AccessLogMessages.WriteFailed(_logger, e);
            }
        }
        finally
        {
            LineBuffer.Release(line);
        }
    }

    public void Dispose() => _sink.Dispose();
}
