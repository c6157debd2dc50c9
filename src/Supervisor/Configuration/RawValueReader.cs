using System.Globalization;

namespace Supervisor.Configuration;

/// <summary>
/// Reads one setting's raw value as the type it must have, within its range; a value that is not is reported
/// as a problem naming the setting, where it came from, and what it may be, and a default stands in for it.
/// </summary>
internal sealed class RawValueReader
{
    private readonly IReadOnlyDictionary<string, RawValue> _values;
    private readonly List<ConfigProblem> _problems;

    public RawValueReader(IReadOnlyDictionary<string, RawValue> values, List<ConfigProblem> problems)
    {
        _values = values;
        _problems = problems;
    }

    public int Int(SettingDefinition setting, long min, long max, string allowed)
    {
        var raw = _values[setting.Key];
        if (AsLong(raw) is { } number && number >= min && number <= max)
        {
            return (int)number;
        }

        Invalid(setting, raw, allowed);
        return (int)Math.Clamp(AsLong(raw) ?? min, min, max);
    }

    /// <summary>A folder that exists, resolved against its origin's folder; null when unset.</summary>
    public string? Folder(SettingDefinition setting)
    {
        var path = Path(setting);
        if (path is not null && !Directory.Exists(path))
        {
            _problems.Add(new ConfigProblem(_values[setting.Key].Origin, $"{setting.Key} = {_values[setting.Key].Display} is not valid: the folder {path} does not exist"));
        }

        return path;
    }

    public bool Bool(SettingDefinition setting)
    {
        var raw = _values[setting.Key];
        switch (raw.Value)
        {
            case bool value:
                return value;
            case string text when raw.Origin.Source != ValueSource.File && bool.TryParse(text.Trim(), out var parsed):
                return parsed;
            default:
                Invalid(setting, raw, "true or false");
                return false;
        }
    }

    public TEnum Choice<TEnum>(SettingDefinition setting, TEnum fallback)
        where TEnum : struct, Enum
    {
        var raw = _values[setting.Key];
        if (raw.Value is string text && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value)
            && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
        Invalid(setting, raw, "one of " + string.Join(", ", names));
        return fallback;
    }

    public string String(SettingDefinition setting)
    {
        var raw = _values[setting.Key];
        if (raw.Value is string text && text.Length > 0)
        {
            return text;
        }

        Invalid(setting, raw, "a non-empty string");
        return "";
    }

    /// <summary>A file path resolved against its origin's folder; "-" passes through, "" means unset.</summary>
    public string? Path(SettingDefinition setting)
    {
        if (!_values.TryGetValue(setting.Key, out var raw))
        {
            return null;
        }

        // Only the logs have a standard stream to stand for with "-".
        var stream = setting == Settings.AccessLog || setting == Settings.ErrorLog;
        if (raw.Value is not string text)
        {
            Invalid(setting, raw, "a file path as a string" + (stream ? ", or \"-\"" : ""));
            return null;
        }

        return text switch
        {
            "" => null,
            "-" when stream => "-",
            _ => System.IO.Path.GetFullPath(text, raw.Origin.BaseDirectory),
        };
    }

    public static List<string>? Strings(object value) => value switch
    {
        string text => [text],
        string[] texts => [.. texts],
        object[] items when items.All(i => i is string) => items.Cast<string>().ToList(),
        _ => null,
    };

    /// <summary>A TOML integer, or the text of a flag or variable; a TOML string is not a number.</summary>
    public static long? AsLong(RawValue raw) =>
        raw.Origin.Source == ValueSource.File && raw.Value is string ? null : AsLong(raw.Value);

    public static long? AsLong(object value) => value switch
    {
        long number => number,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public void Invalid(SettingDefinition setting, RawValue raw, string allowed)
    {
        var found = raw.Origin.Source != ValueSource.File && raw.Value is string text && AsLong(text) is { } number
            ? number.ToString(CultureInfo.InvariantCulture)
            : raw.Display;
        _problems.Add(new ConfigProblem(raw.Origin, $"{setting.Key} = {found} is not valid: expected {allowed}"));
    }
}
