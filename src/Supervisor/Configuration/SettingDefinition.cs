namespace Supervisor.Configuration;

/// <summary>
/// One configuration key: its TOML name, its command-line flags, its default and its help text.
/// The catalogue in <see cref="Settings"/> drives the TOML reader, the flags and <c>check --print</c>.
/// </summary>
internal sealed record SettingDefinition(
    string Key,
    string Type,
    object? Default,
    string Description,
    string? Flag = null,
    string? ShortFlag = null,
    string? HelpName = null,
    bool Repeatable = false)
{
    /// <summary>The default as it reads in help text and the README.</summary>
    public string DefaultText => Default switch
    {
        null => "unset",
        _ => RawValue.Format(Default),
    };

    /// <summary>The flag names as shown to the user, e.g. "-w, --workers".</summary>
    public string? FlagText => Flag is null ? null : ShortFlag is null ? Flag : $"{ShortFlag}, {Flag}";
}
