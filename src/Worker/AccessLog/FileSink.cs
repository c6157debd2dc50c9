using Supervisor.Worker.Logging;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// An access log file shared by every worker, appended to with one write per line and reopened on USR1.
/// </summary>
internal sealed class FileSink : IAccessLogSink
{
    private readonly AppendOnlyFile _file;

    public FileSink(string path)
    {
        _file = new AppendOnlyFile(path);
    }

    public string Path => _file.Path;

    public void Write(ReadOnlySpan<byte> line) => _file.Write(line);

    public void Reopen() => _file.Reopen();

    public void Dispose() => _file.Dispose();
}
