using System.Globalization;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>
/// Writes the effective configuration as sorted <c>key = value</c> lines (Gunicorn's --print-config), in TOML,
/// so the output can be saved as a config file that reproduces it.
/// </summary>
internal static class ConfigPrinter
{
    public static IEnumerable<string> Lines(SupervisorConfig config) =>
        Values(config).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} = {kv.Value}{Note(config, kv.Key)}"));

    /// <summary>A TOML comment on a value that is accepted but has no effect, so the printout does not mislead.</summary>
    private static string Note(SupervisorConfig config, string key)
    {
        if (key == Settings.MaxRequestsJitter.Key && config.Get(Settings.MaxRequests) == 0 && config.Get(Settings.MaxRequestsJitter) > 0)
        {
            return "  # ignored: max_requests = 0 turns recycling off";
        }

        return key == Settings.CaptureOutput.Key && config.Get(Settings.CaptureOutput) && config.Get(Settings.ErrorLog) == "-"
            ? "  # ignored: with errorlog = \"-\" the workers' output is on stderr already"
            : "";
    }

    /// <summary>Every setting's value as TOML text, sorted by key, each printed by its catalogue entry.</summary>
    public static SortedDictionary<string, string> Values(SupervisorConfig config) => new(
        Settings.All.ToDictionary(s => s.Key, s => RawValue.Format(s.Print(config.Value(s)))),
        StringComparer.Ordinal);
}
