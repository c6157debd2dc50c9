namespace Supervisor.Worker.AccessLog;

/// <summary>Where access log lines go. Each line is written whole with one write, so lines never interleave.</summary>
internal interface IAccessLogSink : IDisposable
{
    void Write(ReadOnlySpan<byte> line);
}
