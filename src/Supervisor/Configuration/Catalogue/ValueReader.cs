using System.Globalization;
using Supervisor.Configuration.Values;

namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// Reads one setting's raw value as the type it must have, within its range; a value that is not is reported
/// as a problem naming the setting, where it came from, and what it may be, and a stand-in is returned.
/// </summary>
internal readonly struct ValueReader
{
    private readonly SettingReader _reader;

    public ValueReader(Setting setting, RawValue raw, SettingReader reader)
    {
        Setting = setting;
        Raw = raw;
        _reader = reader;
    }

    public Setting Setting { get; }

    public RawValue Raw { get; }

    public int ProcessorCount => _reader.ProcessorCount;

    /// <summary>A whole number within <paramref name="range"/>.</summary>
    public int Int(WholeNumber range)
    {
        if (AsLong(Raw) is { } number && number >= range.Min && number <= range.Max)
        {
            return (int)number;
        }

        Invalid(range.Allowed);
        return (int)Math.Clamp(AsLong(Raw) ?? range.Min, range.Min, range.Max);
    }

    public bool Bool()
    {
        switch (Raw.Value)
        {
            case bool value:
                return value;
            case string text when Raw.Origin.Source != ValueSource.File && bool.TryParse(text.Trim(), out var parsed):
                return parsed;
            default:
                Invalid("true or false");
                return false;
        }
    }

    /// <summary>One of an enum's names, in any case; a number is not a name.</summary>
    public TEnum Choice<TEnum>(TEnum fallback)
        where TEnum : struct, Enum
    {
        if (Raw.Value is string text && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value)
            && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
        Invalid("one of " + string.Join(", ", names));
        return fallback;
    }

    public string String()
    {
        if (Raw.Value is string text && text.Length > 0)
        {
            return text;
        }

        Invalid("a non-empty string");
        return "";
    }

    /// <summary>A string that may be empty to mean unset.</summary>
    public string? OptionalString()
    {
        if (Raw.Value is string text)
        {
            return text.Length == 0 ? null : text;
        }

        Invalid("a string");
        return null;
    }

    /// <summary>A file path resolved against its origin's folder; "" means unset; "-" passes through when it stands for a stream.</summary>
    public string? Path(bool dashIsStream = false)
    {
        if (Raw.Value is not string text)
        {
            Invalid("a file path as a string" + (dashIsStream ? ", or \"-\"" : ""));
            return null;
        }

        return text switch
        {
            "" => null,
            "-" when dashIsStream => "-",
            _ => System.IO.Path.GetFullPath(text, Raw.Origin.BaseDirectory),
        };
    }

    /// <summary>A folder that exists, resolved against its origin's folder; null when unset.</summary>
    public string? Folder()
    {
        var path = Path();
        if (path is not null && !Directory.Exists(path))
        {
            Problem($"{Setting.Key} = {Raw.Display} is not valid: the folder {path} does not exist");
        }

        return path;
    }

    /// <summary>A string or an array of strings; null when it is neither.</summary>
    public List<string>? Strings() => Raw.Value switch
    {
        string text => [text],
        string[] texts => [.. texts],
        object[] items when items.All(i => i is string) => items.Cast<string>().ToList(),
        _ => null,
    };

    /// <summary>
    /// A command: a string split into words as a POSIX shell splits it (<see cref="ShellWords"/>), or an array of
    /// strings. An executable path with a <c>/</c> is relative to the origin's folder; a bare name is looked up on
    /// PATH. Empty means no command, which only a command that is not <paramref name="required"/> may be.
    /// </summary>
    public List<string> Command(bool required)
    {
        string? error = null;
        var words = Raw.Value switch
        {
            string text => ShellWords.Split(text, out error),
            string[] texts => [.. texts],
            object[] items when items.All(i => i is string) => items.Cast<string>().ToList(),
            _ => null,
        };
        if (error is not null)
        {
            Problem($"{Setting.Key} = {Raw.Display} is not valid: {error}");
            return [];
        }

        if (words is null || (required && words.Count == 0) || (words.Count > 0 && words[0].Length == 0))
        {
            Invalid((required ? "a non-empty command" : "a command") + ": a string, or an array of strings such as [\"dotnet\", \"app.dll\"]");
            return [];
        }

        if (words.Count > 0 && words[0].Contains('/', StringComparison.Ordinal))
        {
            words[0] = System.IO.Path.GetFullPath(words[0], Raw.Origin.BaseDirectory);
        }

        return words;
    }

    /// <summary>A TOML integer, or the text of a flag or variable; a TOML string is not a number.</summary>
    public static long? AsLong(RawValue raw) =>
        raw.Origin.Source == ValueSource.File && raw.Value is string ? null : AsLong(raw.Value);

    public static long? AsLong(object value) => value switch
    {
        long number => number,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    /// <summary>Reports the value as not valid, saying what it may be.</summary>
    public void Invalid(string allowed)
    {
        var found = Raw.Origin.Source != ValueSource.File && Raw.Value is string text && AsLong(text) is { } number
            ? number.ToString(CultureInfo.InvariantCulture)
            : Raw.Display;
        Problem($"{Setting.Key} = {found} is not valid: expected {allowed}");
    }

    /// <summary>Reports a problem with this value, pointing at where it came from.</summary>
    public void Problem(string message) => _reader.Problem(Raw.Origin, message);
}
