using System.CommandLine;
using System.CommandLine.Parsing;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;

namespace Supervisor.Commands;

/// <summary>Loads the configuration a command names: its flags, SUPERVISOR_CMD_ARGS, the file and the environment.</summary>
internal sealed class ConfigCommandLine
{
    private readonly SettingOptions _options;
    private readonly ConfigLoader _loader;
    private readonly Func<string, string?> _environment;

    public ConfigCommandLine(SettingOptions options, ConfigLoader loader, Func<string, string?> environment)
    {
        _options = options;
        _loader = loader;
        _environment = environment;
    }

    public ConfigResult Load(ParseResult result)
    {
        var commandLine = _options.Extract(result, ValueOrigin.CommandLine);
        var (commandArgs, problems) = ParseCommandArgsVariable();
        if (problems.Count > 0)
        {
            return new ConfigResult(null, problems);
        }

        return _loader.Load(commandLine, commandArgs);
    }

    /// <summary>
    /// Loads the configuration, then, when it is valid, checks what it asks of this machine (<see cref="MachineCheck"/>):
    /// what <c>check</c> accepts, <c>run</c> can start.
    /// </summary>
    public ConfigResult LoadForStart(ParseResult result)
    {
        var loaded = Load(result);
        if (!loaded.IsValid || loaded.Values is null)
        {
            return loaded;
        }

        var problems = MachineCheck.Run(loaded.Config!, loaded.Values, _environment("PATH"));
        return problems.Count == 0 ? loaded : loaded with { Config = null, Problems = problems };
    }

    /// <summary>Parses SUPERVISOR_CMD_ARGS (flags in one variable, like GUNICORN_CMD_ARGS) with the same flags.</summary>
    private (FlagValues Values, List<ConfigProblem> Problems) ParseCommandArgsVariable()
    {
        var text = _environment(ConfigLoader.CommandArgsVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (FlagValues.None, []);
        }

        var options = new SettingOptions(withAppCommand: false);
        var command = new Command(ConfigLoader.CommandArgsVariable);
        options.AddTo(command);
        // Split as a shell would, as Gunicorn splits GUNICORN_CMD_ARGS with shlex.
        if (ShellWords.Split(text, out var splitError) is not { } words)
        {
            return (FlagValues.None, [new ConfigProblem(null, $"{ConfigLoader.CommandArgsVariable} is not valid: {splitError}")]);
        }

        var result = command.Parse(words);
        var problems = result.Errors
            .Select(e => new ConfigProblem(null, $"{ConfigLoader.CommandArgsVariable}: {e.Message}"))
            .ToList();
        // Values of a line that did not parse cannot be read; its problems say why.
        return (problems.Count > 0 ? FlagValues.None : options.Extract(result, ValueOrigin.CommandArgsVariable), problems);
    }
}
