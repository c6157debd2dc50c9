using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>
/// Finds the master's pidfile: the one given with -p, else the pidfile setting of the configuration
/// (loaded as 'supervisor run' loads it, so a relative path resolves against the same folder).
/// </summary>
internal static class PidFileLocator
{
    /// <param name="pidFlag">The -p value as typed; relative to the working directory, as on 'run'.</param>
    /// <param name="loadConfig">Loads the configuration; called only without -p.</param>
    /// <param name="error">Where the configuration's problems are listed.</param>
    public static string Locate(string? pidFlag, Func<ConfigResult> loadConfig, TextWriter error)
    {
        if (!string.IsNullOrEmpty(pidFlag))
        {
            return Path.GetFullPath(pidFlag);
        }

        var loaded = loadConfig();
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Problems)
            {
                error.WriteLine($"Error: {problem}");
            }

            throw new ControlException(ControlMessages.ConfigProblems(loaded.Problems.Count));
        }

        return loaded.Config!.Get(Settings.PidFile) ?? throw new ControlException(ControlMessages.NoPidFileConfigured(loaded.Config.ConfigFile));
    }
}
