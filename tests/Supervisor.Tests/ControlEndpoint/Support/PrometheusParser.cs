using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Supervisor.Tests.ControlEndpoint.Support;

/// <summary>
/// A strict reader of the text exposition format 0.0.4: every line is a HELP, a TYPE or a sample; names and
/// label names are valid; every sample follows its family's HELP and TYPE, and a family's samples are
/// contiguous; no series appears twice. Stricter than Prometheus where this output never strays: no empty
/// lines, no timestamps. Any violation throws, naming the line.
/// </summary>
internal static partial class PrometheusParser
{
    public static (IReadOnlyDictionary<string, PrometheusFamily> Families, IReadOnlyList<PrometheusSample> Samples) Parse(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a newline.");
        }

        var help = new Dictionary<string, string>();
        var families = new Dictionary<string, PrometheusFamily>();
        var samples = new List<PrometheusSample>();
        var series = new HashSet<string>();
        var closed = new HashSet<string>();
        string? current = null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            string Where() => $"line {i + 1}: {line}";
            if (HelpLine().Match(line) is { Success: true } h)
            {
                var name = h.Groups["name"].Value;
                if (!help.TryAdd(name, Unescape(h.Groups["text"].Value, quotes: false)) || closed.Contains(name))
                {
                    throw new FormatException($"HELP given twice: {Where()}");
                }

                Switch(ref current, name, closed);
            }
            else if (TypeLine().Match(line) is { Success: true } t)
            {
                var name = t.Groups["name"].Value;
                if (!help.TryGetValue(name, out var helpText) || families.ContainsKey(name))
                {
                    throw new FormatException($"TYPE without its HELP before it, or given twice: {Where()}");
                }

                families[name] = new PrometheusFamily(name, helpText, t.Groups["type"].Value);
            }
            else if (SampleLine().Match(line) is { Success: true } s)
            {
                var name = s.Groups["name"].Value;
                if (current is null || !families.TryGetValue(current, out var family) || !BelongsTo(name, family))
                {
                    throw new FormatException($"A sample outside its family's HELP and TYPE: {Where()}");
                }

                var labels = Labels(s.Groups["labels"].Value, Where);
                if (!series.Add(name + "{" + string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value)) + "}"))
                {
                    throw new FormatException($"A series given twice: {Where()}");
                }

                samples.Add(new PrometheusSample(name, labels, Value(s.Groups["value"].Value, Where)));
            }
            else
            {
                throw new FormatException($"Not a HELP, TYPE or sample line: {Where()}");
            }
        }

        var untyped = help.Keys.Except(families.Keys).ToList();
        return untyped.Count > 0 ? throw new FormatException($"HELP without TYPE: {string.Join(", ", untyped)}") : (families, samples);
    }

    /// <summary>A histogram's samples are its _bucket (with le), _sum and _count series; any other family's bear its name.</summary>
    private static bool BelongsTo(string sample, PrometheusFamily family) => family.Type == "histogram"
        ? sample == family.Name + "_bucket" || sample == family.Name + "_sum" || sample == family.Name + "_count"
        : sample == family.Name;

    private static void Switch(ref string? current, string next, HashSet<string> closed)
    {
        if (current is not null)
        {
            closed.Add(current);
        }

        current = next;
    }

    private static Dictionary<string, string> Labels(string text, Func<string> where)
    {
        var labels = new Dictionary<string, string>();
        var position = 0;
        while (position < text.Length)
        {
            var match = LabelPair().Match(text, position);
            if (!match.Success || match.Index != position)
            {
                throw new FormatException($"A label that does not parse at {position}: {where()}");
            }

            var name = match.Groups["name"].Value;
            if (name.StartsWith("__", StringComparison.Ordinal) || !labels.TryAdd(name, Unescape(match.Groups["value"].Value, quotes: true)))
            {
                throw new FormatException($"A reserved or repeated label name '{name}': {where()}");
            }

            position += match.Length;
            if (position < text.Length)
            {
                if (text[position] != ',')
                {
                    throw new FormatException($"Labels must be separated by commas: {where()}");
                }

                position++;
            }
        }

        return labels;
    }

    private static double Value(string text, Func<string> where) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Not a number '{text}': {where()}"),
    };

    private static string Unescape(string text, bool quotes)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(++i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when quotes => '"',
                _ => throw new FormatException($"Unknown escape in '{text}'."),
            } : throw new FormatException($"A trailing backslash in '{text}'."));
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<text>[^\n]*)$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([^""}]|""(\\.|[^""\\])*"")*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
