using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>
/// Builds the effective configuration from its layers, lowest precedence first: defaults; the environment
/// (WEB_CONCURRENCY, PORT); the config file; SUPERVISOR_CMD_ARGS; the command line.
/// </summary>
internal sealed class ConfigLoader
{
    public const string CommandArgsVariable = ValueOrigin.CommandArgsVariableName;
    public const string DefaultConfigFile = "gunicorn.toml";

    private readonly Func<string, string?> _environment;
    private readonly int _processorCount;

    public ConfigLoader(Func<string, string?> environment, int processorCount)
    {
        _environment = environment;
        _processorCount = processorCount;
    }

    public static ConfigLoader ForThisProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.ProcessorCount);

    public ConfigResult Load(FlagValues commandLine, FlagValues commandArgs)
    {
        var problems = new List<ConfigProblem>();
        var values = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        foreach (var setting in Settings.All)
        {
            if (setting.Default is not null)
            {
                values[setting.Key] = new RawValue(setting.Default, ValueOrigin.Default);
            }
        }

        ApplyEnvironment(values);

        // As Gunicorn: -c on the command line, else in the flags variable, else ./gunicorn.toml if present.
        var configFile = commandLine.ConfigFile ?? commandArgs.ConfigFile
            ?? (File.Exists(DefaultConfigFile) ? DefaultConfigFile : null);
        if (configFile is not null)
        {
            Merge(values, TomlConfigReader.Read(configFile, problems));
        }

        Merge(values, commandArgs.Values);
        Merge(values, commandLine.Values);
        problems.AddRange(commandArgs.Problems ?? []);
        problems.AddRange(commandLine.Problems ?? []);

        var config = new ConfigValidator(values, problems, _processorCount).Validate(configFile);
        // In file order, so the list reads top to bottom alongside the file; other sources after.
        var ordered = problems
            .OrderBy(p => p.Origin?.Source == ValueSource.File ? 0 : 1)
            .ThenBy(p => p.Origin?.Line ?? 0)
            .ThenBy(p => p.Origin?.Column ?? 0)
            .ToList();
        return new ConfigResult(problems.Count == 0 ? config : null, ordered, values);
    }

    private void ApplyEnvironment(Dictionary<string, RawValue> values)
    {
        if (_environment("WEB_CONCURRENCY") is { Length: > 0 } concurrency)
        {
            values[Settings.Workers.Key] = new RawValue(concurrency, ValueOrigin.Environment("WEB_CONCURRENCY"));
        }

        // As Gunicorn: FORWARDED_ALLOW_IPS sets forwarded_allow_ips.
        if (_environment("FORWARDED_ALLOW_IPS") is { Length: > 0 } allowed)
        {
            values[Settings.ForwardedAllowIps.Key] = new RawValue(allowed, ValueOrigin.Environment("FORWARDED_ALLOW_IPS"));
        }

        if (_environment("PORT") is { Length: > 0 } port)
        {
            values[Settings.Bind.Key] = new RawValue("0.0.0.0:" + port, ValueOrigin.Environment("PORT"));
        }
    }

    private static void Merge(Dictionary<string, RawValue> values, IReadOnlyDictionary<string, RawValue> layer)
    {
        foreach (var (key, value) in layer)
        {
            values[key] = value;
        }
    }
}
