using System.Globalization;
using System.Text;

namespace Supervisor.PythonConfig;

/// <summary>Writes a value read from Python as a TOML value.</summary>
internal static class TomlText
{
    public static string Value(object value) => value switch
    {
        string text => Quoted(text),
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        double real when double.IsFinite(real) => real % 1 == 0 ? real.ToString("0.0", CultureInfo.InvariantCulture) : real.ToString("R", CultureInfo.InvariantCulture),
        object[] items => "[" + string.Join(", ", items.Select(i => Value(i!))) + "]",
        Dictionary<string, object?> table => "{ " + string.Join(", ", table.Select(kv => $"{Quoted(kv.Key)} = {Value(kv.Value!)}")) + " }",
        _ => throw new PythonSyntaxException("a value TOML cannot hold"),
    };

    private static string Quoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' or '\u007f' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
