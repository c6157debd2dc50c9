using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Supervisor.Configuration;

/// <summary>
/// Reads a TOML config file into raw values with their positions. Works on Tomlyn's syntax tree rather than
/// its serializer so that every problem (syntax, unknown key, wrong type) is found in one pass and points at
/// its line and column; the serializer stops at the first one and ignores unknown keys.
/// </summary>
internal static class TomlConfigReader
{
    public static IReadOnlyDictionary<string, RawValue> Read(string path, List<ConfigProblem> problems)
    {
        var values = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigProblem(null, DescribeReadFailure(path, e)));
            return values;
        }

        var document = SyntaxParser.Parse(text, path, validate: true);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                problems.Add(new ConfigProblem(At(path, diagnostic.Span), "syntax error: " + diagnostic.Message));
            }
        }

        foreach (var keyValue in document.KeyValues)
        {
            Add(path, keyValue, values, problems);
        }

        foreach (var table in document.Tables)
        {
            var name = table.Name?.ToString().Trim() ?? "";
            problems.Add(new ConfigProblem(At(path, table.Span), $"unknown table [{name}]; every setting is a top-level key, as in workers = 3"));
        }

        return values;
    }

    private static void Add(string path, KeyValueSyntax keyValue, Dictionary<string, RawValue> values, List<ConfigProblem> problems)
    {
        var key = keyValue.Key?.ToString().Trim() ?? "";
        if (key.Length == 0 || keyValue.Value is null)
        {
            return; // a syntax error already says what is wrong here
        }

        var origin = At(path, keyValue.Span);
        if (Settings.Find(key) is null && GunicornSettings.Find(key) is { } gunicorn)
        {
            problems.Add(new ConfigProblem(origin, gunicorn.Problem()));
            return;
        }

        if (Settings.Find(key) is null)
        {
            var suggestion = KeySuggester.Suggest(key, Settings.All.Select(s => s.Key));
            problems.Add(new ConfigProblem(origin, suggestion is null
                ? $"unknown key '{key}'; the known keys are listed by 'supervisor check --print'"
                : $"unknown key '{key}'; did you mean '{suggestion}'?"));
            return;
        }

        values[key] = new RawValue(ToValue(keyValue.Value), At(path, keyValue.Value.Span));
    }

    private static object ToValue(ValueSyntax value) => value switch
    {
        IntegerValueSyntax i => i.Value,
        StringValueSyntax s => s.Value ?? "",
        BooleanValueSyntax b => b.Value,
        FloatValueSyntax f => f.Value,
        ArraySyntax a => a.Items.Select(item => ToValue(item.Value!)).ToArray(),
        DateTimeValueSyntax d => new TomlOtherValue("a date-time", d.ToString().Trim()),
        // An inline table of plain key = value pairs (secure_scheme_headers); anything fancier stays text for the problem.
        InlineTableSyntax t when t.Items.All(i => i.KeyValue is { Key: { DotKeys.ChildrenCount: 0, Key: not null }, Value: not null }) =>
            t.Items.Select(i => (Key: i.KeyValue!.Key!.Key!.ToString()!.Trim().Trim('"', '\''), Value: ToValue(i.KeyValue!.Value!)))
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        InlineTableSyntax t => new TomlOtherValue("a table", t.ToString().Trim()),
        _ => new TomlOtherValue("a value", value.ToString().Trim()),
    };

    private static ValueOrigin At(string path, SourceSpan span) =>
        ValueOrigin.File(path, span.Start.Line + 1, span.Start.Column + 1);

    private static string DescribeReadFailure(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"config file not found: {path}",
        UnauthorizedAccessException when Directory.Exists(path) => $"cannot read the config file {path}: it is a directory",
        UnauthorizedAccessException => $"cannot read the config file {path}: permission denied",
        _ => $"cannot read the config file {path}: {e.Message}",
    };
}
