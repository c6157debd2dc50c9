using System.Text;
using System.Text.RegularExpressions;

namespace Supervisor.PythonConfig;

/// <summary>
/// Reads a Gunicorn config file (gunicorn.conf.py) as far as it is data: each top-level statement, joined over
/// brackets, backslashes and triple-quoted strings, with the value of each plain assignment evaluated by
/// <see cref="PythonExpression"/>. Functions (Gunicorn's hooks) and other statements are kept with their line,
/// so what is not carried over can be named. Imports are skipped: they bring in names, not settings.
/// </summary>
internal static partial class PythonConfigReader
{
    public static List<PythonStatement> Read(string source, HashSet<string> used)
    {
        var statements = new List<PythonStatement>();
        var names = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (line, text, indented) in LogicalLines(source))
        {
            if (indented || text.StartsWith("import ", StringComparison.Ordinal) || text.StartsWith("from ", StringComparison.Ordinal))
            {
                continue;
            }

            var first = text.Split('\n')[0];
            if (FunctionDefinition().Match(text) is { Success: true } function)
            {
                statements.Add(new PythonStatement(line, function.Groups[1].Value, null, "a Python function", first, IsFunction: true));
                continue;
            }

            if (Assignment().Match(text) is not { Success: true } assignment)
            {
                statements.Add(new PythonStatement(line, null, null, "a statement that is not a plain assignment", first));
                continue;
            }

            var name = assignment.Groups[1].Value;
            try
            {
                var value = PythonExpression.Evaluate(assignment.Groups[2].Value, names, used);
                names[name] = value;
                statements.Add(new PythonStatement(line, name, value, null, first));
            }
            catch (PythonSyntaxException e)
            {
                names.Remove(name);
                statements.Add(new PythonStatement(line, name, null, e.Message, first));
            }
        }

        return statements;
    }

    /// <summary>The file's statements with the line each starts on; indented ones belong to a block above them.</summary>
    private static IEnumerable<(int Line, string Text, bool Indented)> LogicalLines(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        var start = 0;
        var depth = 0;
        char? tripleQuote = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (current.Length == 0)
            {
                start = i + 1;
            }

            var (code, continues) = Scan(lines[i], ref depth, ref tripleQuote);
            current.Append(code);
            if (tripleQuote is not null || depth > 0 || continues)
            {
                current.Append('\n');
                continue;
            }

            var text = current.ToString();
            current.Clear();
            if (text.Trim().Length > 0)
            {
                yield return (start, text.Trim(), char.IsWhiteSpace(text[0]));
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            yield return (start, current.ToString().Trim(), char.IsWhiteSpace(current[0]));
        }
    }

    /// <summary>The line without its comment, tracking brackets and strings; whether a backslash continues it.</summary>
    private static (string Code, bool Continues) Scan(string line, ref int depth, ref char? tripleQuote)
    {
        var code = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var triple = i + 2 < line.Length && line[i + 1] == c && line[i + 2] == c;
            if (tripleQuote is { } open)
            {
                if (c == '\\' && i + 1 < line.Length)
                {
                    code.Append(c).Append(line[++i]);
                    continue;
                }

                if (c == open && triple)
                {
                    tripleQuote = null;
                    code.Append(line, i, 3);
                    i += 2;
                    continue;
                }
            }
            else if (quote is { } q)
            {
                if (c == '\\' && i + 1 < line.Length)
                {
                    code.Append(c).Append(line[++i]);
                    continue;
                }

                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c == '#')
            {
                break;
            }
            else if (c is '\'' or '"')
            {
                if (triple)
                {
                    tripleQuote = c;
                    code.Append(line, i, 3);
                    i += 2;
                    continue;
                }

                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }

            code.Append(c);
        }

        var text = code.ToString();
        var continues = tripleQuote is null && text.TrimEnd().EndsWith('\\');
        return (continues ? text.TrimEnd()[..^1] : text, continues);
    }

    [GeneratedRegex(@"^def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex FunctionDefinition();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex Assignment();
}
