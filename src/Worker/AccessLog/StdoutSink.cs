namespace Supervisor.Worker.AccessLog;

/// <summary>
/// accesslog = "-". Writes the raw standard output rather than <see cref="Console.Out"/>, whose 256-character
/// buffer would cut a long line into several writes, and lines of other workers sharing the pipe could
/// land in between. A pipe keeps one write whole up to PIPE_BUF (4096 bytes).
/// </summary>
internal sealed class StdoutSink : IAccessLogSink
{
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly object _lock = new();

    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_lock)
        {
            _stdout.Write(line);
        }
    }

    // Standard output belongs to the process; it stays open for whoever writes last.
    public void Dispose()
    {
    }
}
