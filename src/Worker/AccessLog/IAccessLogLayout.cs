using System.Buffers;

namespace Supervisor.Worker.AccessLog;

/// <summary>Turns a finished request into one line of UTF-8, ending with '\n'.</summary>
internal interface IAccessLogLayout
{
    void Render(in AccessLogEntry entry, ArrayBufferWriter<byte> line);
}
