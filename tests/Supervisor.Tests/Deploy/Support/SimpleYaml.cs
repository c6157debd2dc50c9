namespace Supervisor.Tests.Deploy.Support;

/// <summary>
/// Reads the small subset of YAML the manifests in deploy/kubernetes use, line by line: documents split by
/// <c>---</c>, block mappings and block sequences by indentation, plain and quoted scalars (all kept as
/// strings), comments. Anything else (flow collections, block scalars, anchors, tags) throws, so a manifest
/// that outgrows this reader fails its test instead of being misread.
/// </summary>
internal static class SimpleYaml
{
    public static IReadOnlyList<object> ParseDocuments(string text)
    {
        var documents = new List<object>();
        var lines = new List<(int Indent, string Text)>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = StripComment(raw).TrimEnd();
            if (line == "---")
            {
                AddDocument(documents, lines);
                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            if (line[indent] == '\t')
            {
                throw new FormatException($"A tab in the indentation: '{raw}'.");
            }

            lines.Add((indent, line.Trim()));
        }

        AddDocument(documents, lines);
        return documents;
    }

    /// <summary>The node at a path of mapping keys (strings) and sequence indexes (ints); throws when absent.</summary>
    public static object At(object node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (step, node) switch
            {
                (string key, Dictionary<string, object> map) => map.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No '{key}' in the mapping."),
                (int index, List<object> list) => index < list.Count ? list[index] : throw new KeyNotFoundException($"No item {index} in the sequence."),
                _ => throw new KeyNotFoundException($"'{step}' does not fit a {node.GetType().Name}."),
            };
        }

        return node;
    }

    public static string Text(object node, params object[] path) => At(node, path) as string ?? throw new InvalidCastException($"{string.Join('.', path)} is not a scalar.");

    public static int Number(object node, params object[] path) => int.Parse(Text(node, path), System.Globalization.CultureInfo.InvariantCulture);

    private static void AddDocument(List<object> documents, List<(int Indent, string Text)> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var i = 0;
        var document = ParseNode(lines, ref i, lines[0].Indent);
        if (i < lines.Count)
        {
            throw new FormatException($"Unexpected indentation at '{lines[i].Text}'.");
        }

        documents.Add(document);
        lines.Clear();
    }

    private static object ParseNode(List<(int Indent, string Text)> lines, ref int i, int indent) =>
        IsItem(lines[i].Text) ? ParseSequence(lines, ref i, indent) : ParseMapping(lines, ref i, indent);

    private static List<object> ParseSequence(List<(int Indent, string Text)> lines, ref int i, int indent)
    {
        var list = new List<object>();
        while (i < lines.Count && lines[i].Indent == indent && IsItem(lines[i].Text))
        {
            var rest = lines[i].Text[1..].TrimStart(' ');
            if (rest.Length == 0)
            {
                throw new FormatException("An empty sequence item ('-' alone) is not supported.");
            }

            if (KeyEnd(rest) >= 0)
            {
                // "- key: value" opens a mapping whose keys line up with "key".
                lines[i] = (indent + (lines[i].Text.Length - rest.Length), rest);
                list.Add(ParseMapping(lines, ref i, lines[i].Indent));
            }
            else
            {
                list.Add(Scalar(rest));
                i++;
            }
        }

        return list;
    }

    private static Dictionary<string, object> ParseMapping(List<(int Indent, string Text)> lines, ref int i, int indent)
    {
        var map = new Dictionary<string, object>();
        while (i < lines.Count && lines[i].Indent == indent && !IsItem(lines[i].Text))
        {
            var text = lines[i].Text;
            var end = KeyEnd(text);
            if (end < 0)
            {
                throw new FormatException($"Not a 'key: value' line: '{text}'.");
            }

            var key = Unquote(text[..end]);
            var value = text[(end + 1)..].Trim();
            i++;
            object node = value.Length > 0
                ? Scalar(value)
                : i < lines.Count && lines[i].Indent > indent
                    ? ParseNode(lines, ref i, lines[i].Indent)
                    : throw new FormatException($"'{key}' has no value.");
            if (!map.TryAdd(key, node))
            {
                throw new FormatException($"'{key}' appears twice in one mapping.");
            }
        }

        return map;
    }

    private static bool IsItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Where the key's colon is ("key: value" or "key:"), or -1.</summary>
    private static int KeyEnd(string text)
    {
        if (text[0] is '"' or '\'')
        {
            var close = text.IndexOf(text[0], 1);
            return close > 0 && close + 1 < text.Length && text[close + 1] == ':' && (close + 2 == text.Length || text[close + 2] == ' ') ? close + 1 : -1;
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? colon : text.EndsWith(':') ? text.Length - 1 : -1;
    }

    private static string Scalar(string text) => text[0] is '{' or '[' or '|' or '>' or '&' or '*' or '!'
        ? throw new FormatException($"Flow collections, block scalars, anchors and tags are not supported: '{text}'.")
        : Unquote(text);

    private static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : text;
    }

    /// <summary>A comment starts at a '#' at the start or after a space, outside quotes.</summary>
    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }
}
