using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration;

/// <summary>Loads configurations from a temp config file, a fake environment and flags.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public const int Cpus = 4;

    private readonly TempDirectory _directory = new();

    public Dictionary<string, string> Environment { get; } = [];

    public string Folder => _directory.Path;

    public string WriteConfig(string toml, string name = "gunicorn.toml") => _directory.Write(name, toml);

    public ConfigResult Load(string? toml, Dictionary<string, object>? flags = null, Dictionary<string, object>? commandArgs = null)
    {
        var file = toml is null ? null : WriteConfig(toml);
        return Load(file, ToFlags(flags, ValueOrigin.CommandLine), ToFlags(commandArgs, ValueOrigin.CommandArgsVariable));
    }

    public ConfigResult Load(string? configFile, FlagValues commandLine, FlagValues commandArgs)
    {
        var loader = new ConfigLoader(name => Environment.GetValueOrDefault(name), Cpus);
        return loader.Load(commandLine with { ConfigFile = configFile ?? commandLine.ConfigFile }, commandArgs);
    }

    public SupervisorConfig Valid(string? toml, Dictionary<string, object>? flags = null, Dictionary<string, object>? commandArgs = null)
    {
        var result = Load(toml, flags, commandArgs);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Config!;
    }

    public IReadOnlyList<string> Problems(string? toml, Dictionary<string, object>? flags = null)
    {
        var result = Load(toml, flags);
        Assert.False(result.IsValid);
        return result.Problems.Select(p => p.ToString()).ToList();
    }

    private static FlagValues ToFlags(Dictionary<string, object>? flags, Func<string, ValueOrigin> origin) =>
        flags is null
            ? FlagValues.None
            : new FlagValues(null, flags.ToDictionary(kv => kv.Key, kv => new RawValue(kv.Value, origin("--" + kv.Key.Replace('_', '-')))));

    public void Dispose() => _directory.Dispose();
}
