using System.Globalization;
using System.Text;

namespace Supervisor.PythonConfig;

/// <summary>Python's literals for numbers and strings, read from a position in a line of source.</summary>
internal static class PythonLiterals
{
    public static object Number(string source, ref int position)
    {
        var start = position;
        while (position < source.Length && (char.IsAsciiLetterOrDigit(source[position]) || source[position] is '_' or '.'))
        {
            position++;
        }

        var text = source[start..position].Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
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
    public static string? StringStart(string source, ref int position)
    {
        var i = position;
        while (i < source.Length && i - position < 2 && char.IsAsciiLetter(source[i]))
        {
            i++;
        }

        if (i < source.Length && source[i] is '\'' or '"')
        {
            var prefix = source[position..i].ToLowerInvariant();
            if (prefix.All(p => p is 'r' or 'b' or 'u' or 'f'))
            {
                position = i;
                return prefix;
            }
        }

        return null;
    }

    public static string QuotedString(string source, ref int position, string prefix)
    {
        if (prefix.Contains('f', StringComparison.Ordinal))
        {
            throw new PythonSyntaxException("an f-string, which is evaluated when Gunicorn starts");
        }

        var quote = source[position];
        var triple = position + 2 < source.Length && source[position + 1] == quote && source[position + 2] == quote;
        position += triple ? 3 : 1;
        var raw = prefix.Contains('r', StringComparison.Ordinal);
        var text = new StringBuilder();
        while (true)
        {
            if (position >= source.Length)
            {
                throw new PythonSyntaxException("a string that is not closed");
            }

            var c = source[position];
            if (c == quote && (!triple || (position + 2 < source.Length && source[position + 1] == quote && source[position + 2] == quote)))
            {
                position += triple ? 3 : 1;
                return text.ToString();
            }

            if (c == '\\' && position + 1 < source.Length)
            {
                var next = source[position + 1];
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
