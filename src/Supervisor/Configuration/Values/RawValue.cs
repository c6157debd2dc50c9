namespace Supervisor.Configuration.Values;

/// <summary>
/// A setting's value before validation: a TOML value (long, string, bool, double, or a list of those)
/// or the text of a flag or environment variable.
/// </summary>
internal sealed record RawValue(object Value, ValueOrigin Origin)
{
    /// <summary>The value as the user wrote it, for messages.</summary>
    public string Display => Format(Value);

    public static string Format(object value) => value switch
    {
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<object> items => "[" + string.Join(", ", items.Select(Format)) + "]",
        IReadOnlyDictionary<string, object> table => table.Count == 0 ? "{}" : "{ " + string.Join(", ", table.Select(kv => $"{Format(kv.Key)} = {Format(kv.Value)}")) + " }",
        _ => value.ToString() ?? "",
    };
}
