using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// Writes text and numbers as UTF-8 into a line being built. One buffer per thread is reused for every
/// request, so a line costs no allocation once the buffer has grown to the longest line seen.
/// </summary>
internal static class LineBuffer
{
    // A line longer than this (a huge header in the format) is written, but its buffer is not kept.
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The calling thread's buffer, emptied. Use it synchronously, then <see cref="Release"/> it.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static void Release(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > MaxRetainedBytes)
        {
            t_buffer = null;
        }
    }

    /// <param name="escapeQuotes">Writes '"' as '\"', as Gunicorn's SafeAtoms does to every string value.</param>
    public static void WriteText(this ArrayBufferWriter<byte> line, ReadOnlySpan<char> text, bool escapeQuotes)
    {
        while (true)
        {
            var quote = escapeQuotes ? text.IndexOf('"') : -1;
            var run = quote < 0 ? text : text[..quote];
            var written = Encoding.UTF8.GetBytes(run, line.GetSpan(Encoding.UTF8.GetMaxByteCount(run.Length)));
            line.Advance(written);
            if (quote < 0)
            {
                return;
            }

            line.Write("\\\""u8);
            text = text[(quote + 1)..];
        }
    }

    /// <summary>The value with quotes escaped, or "-" when it is null or empty.</summary>
    public static void WriteValueOrDash(this ArrayBufferWriter<byte> line, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            line.WriteDash();
        }
        else
        {
            line.WriteText(value, escapeQuotes: true);
        }
    }

    public static void WriteDash(this ArrayBufferWriter<byte> line) => line.Write("-"u8);

    public static void WriteNumber(this ArrayBufferWriter<byte> line, long value)
    {
        Utf8Formatter.TryFormat(value, line.GetSpan(20), out var written);
        line.Advance(written);
    }

    /// <summary>L: seconds with six decimals, <c>0.012345</c>.</summary>
    public static void WriteDecimalSeconds(this ArrayBufferWriter<byte> line, long microseconds)
    {
        line.WriteNumber(microseconds / 1_000_000);
        line.Write("."u8);
        Utf8Formatter.TryFormat(microseconds % 1_000_000, line.GetSpan(6), out var written, new StandardFormat('D', 6));
        line.Advance(written);
    }
}
