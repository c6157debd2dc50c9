using System.Buffers;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// Gunicorn's text line: the format's parts in order. String values have '"' escaped as '\"', and a value
/// that is missing or empty is written as "-" (the query string excepted: Gunicorn writes it empty).
/// </summary>
internal sealed class TextLayout : IAccessLogLayout
{
    private readonly AccessLogFormat _format;
    private readonly byte[] _pid;

    public TextLayout(AccessLogFormat format, int processId)
    {
        ArgumentNullException.ThrowIfNull(format);
        _format = format;
        _pid = System.Text.Encoding.ASCII.GetBytes($"<{processId}>");
    }

    public void Render(in AccessLogEntry entry, ArrayBufferWriter<byte> line)
    {
        Span<char> scratch = stackalloc char[RequestValues.ScratchLength];
        var context = entry.Context;
        var request = context.Request;
        foreach (var part in _format.Parts)
        {
            switch (part.Atom)
            {
                case Atom.Literal:
                    line.WriteText(part.Text, escapeQuotes: false);
                    break;
                case Atom.RemoteAddress:
                    line.WriteValueOrDash(RequestValues.RemoteAddress(context, scratch));
                    break;
                case Atom.User:
                    line.WriteValueOrDash(RequestValues.User(context, scratch));
                    break;
                case Atom.Time:
                    GunicornTime.Write(entry.Start, line.GetSpan(GunicornTime.Length));
                    line.Advance(GunicornTime.Length);
                    break;
                case Atom.RequestLine:
                    line.WriteText(request.Method, escapeQuotes: true);
                    line.Write(" "u8);
                    line.WriteText(RequestValues.Target(context), escapeQuotes: true);
                    line.Write(" "u8);
                    line.WriteText(request.Protocol, escapeQuotes: true);
                    break;
                case Atom.Method:
                    line.WriteValueOrDash(request.Method);
                    break;
                case Atom.Path:
                    line.WriteValueOrDash(RequestValues.Path(request));
                    break;
                case Atom.Query:
                    line.WriteText(RequestValues.Query(request), escapeQuotes: true);
                    break;
                case Atom.Protocol:
                    line.WriteValueOrDash(request.Protocol);
                    break;
                case Atom.Status:
                    line.WriteNumber(entry.Status);
                    break;
                case Atom.Bytes:
                    line.WriteNumber(entry.BytesSent);
                    break;
                case Atom.BytesOrDash when entry.BytesSent > 0:
                    line.WriteNumber(entry.BytesSent);
                    break;
                case Atom.Referer:
                    line.WriteValueOrDash(RequestValues.Single(request.Headers.Referer));
                    break;
                case Atom.UserAgent:
                    line.WriteValueOrDash(RequestValues.Single(request.Headers.UserAgent));
                    break;
                case Atom.Seconds:
                    line.WriteNumber(entry.Microseconds / 1_000_000);
                    break;
                case Atom.Milliseconds:
                    line.WriteNumber(entry.Microseconds / 1_000);
                    break;
                case Atom.Microseconds:
                    line.WriteNumber(entry.Microseconds);
                    break;
                case Atom.DecimalSeconds:
                    line.WriteDecimalSeconds(entry.Microseconds);
                    break;
                case Atom.ProcessId:
                    line.Write(_pid);
                    break;
                case Atom.RequestHeader:
                    line.WriteValueOrDash(RequestValues.Header(request.Headers, part.Text));
                    break;
                case Atom.ResponseHeader:
                    line.WriteValueOrDash(RequestValues.Header(context.Response.Headers, part.Text));
                    break;
                case Atom.Environment:
                    line.WriteValueOrDash(part.Value);
                    break;
                default:
                    // l, b with nothing sent, and atoms Gunicorn does not know.
                    line.WriteDash();
                    break;
            }
        }

        line.Write("\n"u8);
    }
}
