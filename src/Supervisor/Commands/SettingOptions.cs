using System.CommandLine;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;

namespace Supervisor.Commands;

/// <summary>
/// The flags that set configuration values, made from the settings catalogue. Every flag takes text, and the
/// text is validated with the file's values so a bad flag reads like a bad key.
/// </summary>
internal sealed class SettingOptions
{
    private readonly Dictionary<Setting, Option> _options = [];

    public SettingOptions(bool withAppCommand)
    {
        Config = new Option<string?>("--config", "-c")
        {
            Description = $"The TOML config file. [default: ./{ConfigLoader.DefaultConfigFile} when it exists]",
            HelpName = "FILE",
        };
        foreach (var setting in Settings.All.Where(s => s.Flag is not null))
        {
            var aliases = setting.ShortFlag is null ? Array.Empty<string>() : [setting.ShortFlag];
            Option option = setting.Repeatable
                ? new Option<string[]>(setting.Flag!, aliases) { AllowMultipleArgumentsPerToken = false }
                : new Option<string?>(setting.Flag!, aliases);
            if (setting.IsSwitch)
            {
                // A switch: "--timeout-dump" alone means true; "--timeout-dump false" still reads as written.
                option.Arity = ArgumentArity.ZeroOrOne;
            }

            option.Description = $"{setting.Help} [default: {setting.DefaultText}]";
            option.HelpName = setting.HelpName;
            _options[setting] = option;
        }

        if (withAppCommand)
        {
            AppCommand = new Argument<string[]>("APP COMMAND")
            {
                Description = "The worker command, after --; overrides app from the config file.",
                Arity = ArgumentArity.ZeroOrMore,
            };
        }
    }

    public Option<string?> Config { get; }

    public Argument<string[]>? AppCommand { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        foreach (var option in _options.Values)
        {
            command.Options.Add(option);
        }

        if (AppCommand is not null)
        {
            command.Arguments.Add(AppCommand);
        }
    }

    /// <summary>The values the user gave, each tagged with the flag it came from.</summary>
    public FlagValues Extract(ParseResult result, Func<string, ValueOrigin> origin)
    {
        var values = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        foreach (var (setting, option) in _options)
        {
            if (result.GetResult(option) is not { Implicit: false } optionResult)
            {
                continue;
            }

            var flag = optionResult.IdentifierToken?.Value ?? setting.Flag!;
            object? value = option switch
            {
                Option<string[]> many => result.GetValue(many)?.Cast<object>().ToArray(),
                Option<string?> one when setting.IsSwitch && optionResult.Tokens.Count == 0 => "true",
                Option<string?> one => result.GetValue(one),
                _ => null,
            };
            if (value is not null)
            {
                values[setting.Key] = new RawValue(value, origin(flag));
            }
        }

        if (AppCommand is not null && result.GetValue(AppCommand) is { Length: > 0 } command)
        {
            values[Settings.App.Key] = new RawValue(command.Cast<object>().ToArray(), origin("--"));
        }

        return new FlagValues(result.GetValue(Config), values);
    }
}
