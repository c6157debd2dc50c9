using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// One setting, whole: its name in the file, its flags, its type, its default, its help, and (in
/// <see cref="Setting{T}"/>) how its value is read, printed and handed to workers. The flags, <c>--help</c>,
/// <c>check</c>, <c>check --print</c>, the README's reference table and the worker's environment are all
/// made from these entries (<see cref="Settings"/>), as Gunicorn's are from config.py.
/// </summary>
internal abstract class Setting
{
    /// <summary>The TOML key, Gunicorn's name for the setting.</summary>
    public required string Key { get; init; }

    /// <summary>The part of the reference the setting is listed under.</summary>
    public required string Section { get; init; }

    /// <summary>What values it takes, as the README and problems describe them, e.g. "integer 1..65535".</summary>
    public required string Type { get; init; }

    /// <summary>One or two sentences for <c>--help</c> and the README.</summary>
    public required string Help { get; init; }

    /// <summary>What the README says beyond <see cref="Help"/>; null when the help says it all.</summary>
    public string? Details { get; init; }

    /// <summary>The value when the user gives none, as TOML would have it; null: unset.</summary>
    public object? Default { get; init; }

    /// <summary>What sets it besides the file and flags, or what unset means, e.g. "$WEB_CONCURRENCY".</summary>
    public string? DefaultNote { get; init; }

    /// <summary>The long flag, Gunicorn's where it has one; null when the setting has no flag.</summary>
    public string? Flag { get; init; }

    public string? ShortFlag { get; init; }

    /// <summary>More long flags for it, such as Gunicorn's second spelling (--log-file for errorlog).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The placeholder for the flag's value in help, e.g. "SECONDS".</summary>
    public string? HelpName { get; init; }

    /// <summary>The flag may be given more than once, each adding a value.</summary>
    public bool Repeatable { get; init; }

    /// <summary>How it differs from Gunicorn's setting of the same name; null: it does not.</summary>
    public string? GunicornDifference { get; init; }

    /// <summary>Gunicorn has no such setting: it is this project's own.</summary>
    public bool Ours { get; init; }

    /// <summary>A problem to report when no source gives a value and there is no default; null: optional.</summary>
    public string? Required { get; init; }

    /// <summary>A boolean setting, whose flag alone means true.</summary>
    public abstract bool IsSwitch { get; }

    /// <summary>The default as it reads in help text and the README.</summary>
    public string DefaultText => Default is null ? "unset" : RawValue.Format(Default);

    /// <summary>The flag names as shown to the user, e.g. "-w, --workers".</summary>
    public string? FlagText => Flag is null ? null : ShortFlag is null ? Flag : $"{ShortFlag}, {Flag}";

    /// <summary>Reads the merged raw value (null when none) into the setting's type, reporting what is wrong.</summary>
    public abstract object? Read(SettingReader reader, RawValue? raw);

    /// <summary>The value as a TOML value for <c>check --print</c>: a string, number, boolean or array.</summary>
    public abstract object Print(object? value);

    /// <summary>Puts the value into the contract a worker is started with; unchanged when workers need not know it.</summary>
    public abstract WorkerContract ToWorker(WorkerContract contract, object? value);

    public override string ToString() => Key;
}
