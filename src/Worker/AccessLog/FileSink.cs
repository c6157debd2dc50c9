using System.Text;
using Supervisor.Worker.Logging;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// An access log file, appended to with one write per line and reopened on USR1. <see cref="ReopenableFile"/>
/// writes under the same lock it reopens under, so a line lands either in the moved file or in the new one.
/// </summary>
internal sealed class FileSink : IAccessLogSink
{
    private readonly ReopenableFile _file;

    public FileSink(string path)
    {
        _file = new ReopenableFile(path);
    }

    public string Path => _file.Path;

    // ReopenableFile takes text; the line is decoded back from UTF-8 for it.
    public void Write(ReadOnlySpan<byte> line) => _file.Write(Encoding.UTF8.GetString(line));

    public void Reopen() => _file.Reopen();

    public void Dispose() => _file.Dispose();
}
