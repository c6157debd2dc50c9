using System.Globalization;
using System.Text;

namespace LoadClient;

/// <summary>Parses a response head in place, without allocating: only the headers that frame the body count.</summary>
internal static class ResponseHeadParser
{
    /// <param name="head">The status line and the header lines, each ended by CRLF except the last; no empty line.</param>
    public static bool TryParse(ReadOnlySpan<byte> head, out ResponseHead parsed)
    {
        parsed = default;
        var statusLine = NextLine(ref head);
        if (!TryParseStatusLine(statusLine, out var status, out var http10))
        {
            return false;
        }

        var close = http10;
        var length = -1L;
        var chunked = false;
        var otherCoding = false;
        while (!head.IsEmpty)
        {
            var line = NextLine(ref head);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return false;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out length))
                {
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                // Only a last coding of "chunked" frames the body; any other coding runs to the close.
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
                otherCoding = !chunked;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8) && HasToken(value, "close"u8))
            {
                close = true;
            }
        }

        var framing = status is < 200 or 204 or 304 ? BodyFraming.None
            : chunked ? BodyFraming.Chunked
            : otherCoding || length < 0 ? BodyFraming.UntilClose
            : BodyFraming.ContentLength;
        parsed = new ResponseHead(status, framing, length, close || framing == BodyFraming.UntilClose);
        return true;
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> text)
    {
        var end = text.IndexOf("\r\n"u8);
        var line = end < 0 ? text : text[..end];
        text = end < 0 ? [] : text[(end + 2)..];
        return line;
    }

    /// <summary>"HTTP/1.1 200 OK": the version, a space, three digits, then a space and a reason, or nothing.</summary>
    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int status, out bool http10)
    {
        status = 0;
        http10 = false;
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != ' ' || (line.Length > 12 && line[12] != ' ')
            || !int.TryParse(line[9..12], NumberStyles.None, CultureInfo.InvariantCulture, out status) || status < 100)
        {
            return false;
        }

        http10 = line[7] == '0';
        return true;
    }

    private static bool HasToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        while (!list.IsEmpty)
        {
            var comma = list.IndexOf((byte)',');
            var item = (comma < 0 ? list : list[..comma]).Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(item, token))
            {
                return true;
            }

            list = comma < 0 ? [] : list[(comma + 1)..];
        }

        return false;
    }
}
