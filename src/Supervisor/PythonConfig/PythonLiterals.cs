using System.Globalization;
using System.Text;

namespace Supervisor.PythonConfig;

/// <summary>Python's literals for numbers and strings, read from a position in a line of source.</summary>
internal static class PythonLiterals
{
    public static object Number(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '.'))
        {
            position++;
        }

        var text = text[start..position].Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        long? whole = text switch
        {
            ['0', 'o', .. var octal] => ParseRadix(octal, 8),
            ['0', 'x', .. var hex] => ParseRadix(hex, 16),
            ['0', 'b', .. var binary] => ParseRadix(binary, 2),
            _ when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        if (whole is { } value)
        {
            return value;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? real
            : throw new PythonSyntaxException($"cannot read the number {text}");
    }

    private static long? ParseRadix(string digits, int radix)
    {
        try
        {
            return digits.Length > 0 ? Convert.ToInt64(digits, radix) : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The string prefix (r, b, u, f...) when a string literal starts here; null otherwise.</summary>
    public static string? StringStart(string text, ref int position)
    {
        var i = position;
        while (i < text.Length && i - position < 2 && char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] is '\'' or '"')
        {
            var prefix = text[position..i].ToLowerInvariant();
            if (prefix.All(p => p is 'r' or 'b' or 'u' or 'f'))
            {
                position = i;
                return prefix;
            }
        }

        return null;
    }

    public static string QuotedString(string text, ref int position, string prefix)
    {
        if (prefix.Contains('f', StringComparison.Ordinal))
        {
            throw new PythonSyntaxException("an f-string, which is evaluated when Gunicorn starts");
        }

        var quote = text[position];
        var triple = position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote;
        position += triple ? 3 : 1;
        var raw = prefix.Contains('r', StringComparison.Ordinal);
        var text = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new PythonSyntaxException("a string that is not closed");
            }

            var c = text[position];
            if (c == quote && (!triple || (position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote)))
            {
                position += triple ? 3 : 1;
                return text.ToString();
            }

            if (c == '\\' && position + 1 < text.Length)
            {
                var next = text[position + 1];
                position += 2;
                text.Append(raw ? $"\\{next}" : next switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    '0' => "\0",
                    '\n' => "",
                    _ => next.ToString(),
                });
                continue;
            }

            text.Append(c);
            position++;
        }
    }
}
