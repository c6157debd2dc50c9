using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>Settings given as flags, on the command line or in SUPERVISOR_CMD_ARGS.</summary>
/// <param name="Problems">Flags that were given but cannot be used, such as Gunicorn's with no meaning here.</param>
internal sealed record FlagValues(string? ConfigFile, IReadOnlyDictionary<string, RawValue> Values, IReadOnlyList<ConfigProblem>? Problems = null)
{
    public static readonly FlagValues None = new(null, new Dictionary<string, RawValue>());
}
