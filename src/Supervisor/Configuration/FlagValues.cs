using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>Settings given as flags, on the command line or in SUPERVISOR_CMD_ARGS.</summary>
internal sealed record FlagValues(string? ConfigFile, IReadOnlyDictionary<string, RawValue> Values)
{
    public static readonly FlagValues None = new(null, new Dictionary<string, RawValue>());
}
