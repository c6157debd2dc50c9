using System.Collections.Immutable;
using System.Text;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// Gunicorn's <c>access_log_format</c>, compiled once at start into literal text and atoms, so a request
/// only walks a list. The syntax is Python's <c>%</c> formatting with a mapping: <c>%(h)s</c>,
/// <c>%({x-request-id}i)s</c>, and <c>%%</c> for a percent sign.
/// </summary>
/// <remarks>
/// Nothing in a format stops the worker, because Gunicorn accepts any format at start too. Instead:
/// an unknown atom name is written as "-" (Gunicorn's SafeAtoms does the same), and a sequence Python
/// could not format (a lone "%", "%(h" without ")", a conversion other than s, d or i) is kept as
/// literal text, where Gunicorn would log a traceback on every request. Both are listed in
/// <see cref="Problems"/>, which the worker logs once at start.
/// </remarks>
internal sealed class AccessLogFormat
{
    private AccessLogFormat(string source, ImmutableArray<FormatPart> parts, ImmutableArray<string> problems)
    {
        Source = source;
        Parts = parts;
        Problems = problems;
    }

    public string Source { get; }

    public ImmutableArray<FormatPart> Parts { get; }

    /// <summary>Sentences naming what in the format was not understood and what is written instead.</summary>
    public ImmutableArray<string> Problems { get; }

    public static AccessLogFormat Parse(string format) => Parse(format, System.Environment.GetEnvironmentVariable);

    /// <param name="environment">Resolves <c>{NAME}e</c> atoms; they are read once, here.</param>
    public static AccessLogFormat Parse(string format, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(environment);
        var parts = ImmutableArray.CreateBuilder<FormatPart>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var next = format.IndexOf('%', i);
            if (next < 0)
            {
                literal.Append(format, i, format.Length - i);
                break;
            }

            literal.Append(format, i, next - i);
            i = next;
            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                literal.Append('%');
                i += 2;
            }
            else if (i + 1 < format.Length && format[i + 1] == '(')
            {
                i = ParseAtom(format, i, environment, parts, problems, literal);
            }
            else
            {
                problems.Add($"The \"%\" at position {i} starts no \"%(name)s\" (write \"%%\" for a percent sign); it is kept as text.");
                literal.Append('%');
                i++;
            }
        }

        Flush(literal, parts);
        return new AccessLogFormat(format, parts.ToImmutable(), problems.ToImmutable());
    }

    /// <returns>The index just past the sequence that starts at <paramref name="start"/>.</returns>
    private static int ParseAtom(
        string format, int start, Func<string, string?> environment, ImmutableArray<FormatPart>.Builder parts, ImmutableArray<string>.Builder problems, StringBuilder literal)
    {
        var close = format.IndexOf(')', start + 2);
        if (close < 0)
        {
            problems.Add($"\"{format[start..]}\" has no closing \")\"; it is kept as text.");
            literal.Append(format, start, format.Length - start);
            return format.Length;
        }

        if (close + 1 >= format.Length || format[close + 1] is not ('s' or 'd' or 'i'))
        {
            problems.Add($"\"{format[start..(close + 1)]}\" is not followed by the conversion \"s\"; it is kept as text.");
            literal.Append(format, start, close + 1 - start);
            return close + 1;
        }

        Flush(literal, parts);
        var name = format[(start + 2)..close];
        var part = Compile(name, environment);
        if (part.Atom == Atom.Unknown)
        {
            problems.Add($"Unknown atom \"%({name})s\": it is written as \"-\".");
        }

        parts.Add(part);
        return close + 2;
    }

    private static FormatPart Compile(string name, Func<string, string?> environment)
    {
        if (name.Length == 1 && Single(name[0]) is var atom and not Atom.Unknown)
        {
            return new FormatPart(atom);
        }

        // {name}i, {name}o, {NAME}e; Gunicorn matches header names case-insensitively.
        if (name.Length > 3 && name[0] == '{' && name[^2] == '}')
        {
            var inner = name[1..^2];
            switch (name[^1])
            {
                case 'i':
                    return new FormatPart(Atom.RequestHeader, inner.ToLowerInvariant());
                case 'o':
                    return new FormatPart(Atom.ResponseHeader, inner.ToLowerInvariant());
                case 'e':
                    return new FormatPart(Atom.Environment, inner, environment(inner));
            }
        }

        return new FormatPart(Atom.Unknown, name);
    }

    private static Atom Single(char name) => name switch
    {
        'h' => Atom.RemoteAddress,
        'l' => Atom.Dash,
        'u' => Atom.User,
        't' => Atom.Time,
        'r' => Atom.RequestLine,
        'm' => Atom.Method,
        'U' => Atom.Path,
        'q' => Atom.Query,
        'H' => Atom.Protocol,
        's' => Atom.Status,
        'B' => Atom.Bytes,
        'b' => Atom.BytesOrDash,
        'f' => Atom.Referer,
        'a' => Atom.UserAgent,
        'T' => Atom.Seconds,
        'M' => Atom.Milliseconds,
        'D' => Atom.Microseconds,
        'L' => Atom.DecimalSeconds,
        'p' => Atom.ProcessId,
        _ => Atom.Unknown,
    };

    private static void Flush(StringBuilder literal, ImmutableArray<FormatPart>.Builder parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new FormatPart(Atom.Literal, literal.ToString()));
            literal.Clear();
        }
    }
}
