namespace Supervisor.Worker.AccessLog;

/// <summary>
/// An access log file shared by every worker, appended to with one write per line and reopened on USR1.
/// </summary>
/// <remarks>
/// Not <c>Logging.ReopenableFile</c>: its FileStream writes at the offset it found when it opened the file
/// rather than with O_APPEND, so workers sharing a file overwrite each other's lines.
/// </remarks>
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
