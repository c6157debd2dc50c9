using System.Text;
using Supervisor.Worker.AccessLog;

namespace Worker.Tests.AccessLog.Support;

/// <summary>Keeps every line written, decoded, in order.</summary>
internal sealed class MemorySink : IAccessLogSink
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_lines)
        {
            _lines.Add(Encoding.UTF8.GetString(line));
        }
    }

    public void Dispose()
    {
    }
}
