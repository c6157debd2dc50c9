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
    private readonly Dictionary<GunicornSetting, Option> _gunicornOptions = [];

    public SettingOptions(bool withAppCommand)
    {
        Config = new Option<string?>("--config", "-c")
        {
            Description = $"The TOML config file. [default: ./{ConfigLoader.DefaultConfigFile} when it exists]",
            HelpName = "FILE",
        };
        foreach (var setting in Settings.All.Where(s => s.Flag is not null))
        {
            string[] aliases = [.. setting.Aliases, .. setting.ShortFlag is null ? [] : new[] { setting.ShortFlag }];
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

        // Gunicorn's flags for what does not exist here are understood, so the answer says why instead of "unknown".
        foreach (var gunicorn in GunicornSettings.All.Where(g => g.Verdict is Verdict.NotApplicable or Verdict.NotYet && g.Flags.Length > 0))
        {
            var option = new Option<string[]>(gunicorn.Flags[0], gunicorn.Flags[1..]) { Hidden = true, AllowMultipleArgumentsPerToken = false };
            if (gunicorn.IsSwitch)
            {
                option.Arity = ArgumentArity.ZeroOrMore;
            }

            _gunicornOptions[gunicorn] = option;
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
        foreach (var option in _options.Values.Concat(_gunicornOptions.Values))
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

        var problems = new List<ConfigProblem>();
        foreach (var (gunicorn, option) in _gunicornOptions)
        {
            if (result.GetResult(option) is { Implicit: false } given)
            {
                var flag = given.IdentifierToken?.Value ?? gunicorn.Flags[0];
                problems.Add(new ConfigProblem(origin(flag), gunicorn.Problem()));
            }
        }

        return new FlagValues(result.GetValue(Config), values, problems);
    }
}
