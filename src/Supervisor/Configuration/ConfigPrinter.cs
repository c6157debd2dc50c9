using System.Globalization;

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
    private static string Note(SupervisorConfig config, string key) =>
        key == Settings.MaxRequestsJitter.Key && config.MaxRequests == 0 && config.MaxRequestsJitter > 0
            ? "  # ignored: max_requests = 0 turns recycling off"
            : "";

    /// <summary>Every setting's value as TOML text, sorted by key.</summary>
    public static SortedDictionary<string, string> Values(SupervisorConfig config)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Settings.App.Key] = config.App.ToArray<object>(),
            [Settings.Workers.Key] = config.Workers,
            [Settings.Bind.Key] = config.Bind.Select(b => (object)b.ToString()).ToArray(),
            [Settings.Timeout.Key] = config.Timeout,
            [Settings.GracefulTimeout.Key] = config.GracefulTimeout,
            [Settings.Backlog.Key] = config.Backlog,
            [Settings.MaxRequests.Key] = config.MaxRequests,
            [Settings.MaxRequestsJitter.Key] = config.MaxRequestsJitter,
            [Settings.KeepAlive.Key] = config.KeepAlive,
            [Settings.LogLevel.Key] = config.LogLevel.ToString().ToLowerInvariant(),
            [Settings.AccessLog.Key] = config.AccessLog ?? "",
            [Settings.ErrorLog.Key] = config.ErrorLog,
            [Settings.AccessLogFormat.Key] = config.AccessLogFormat,
            [Settings.LogFormat.Key] = config.LogFormat.ToString().ToLowerInvariant(),
            [Settings.PidFile.Key] = config.PidFile ?? "",
            [Settings.LimitRequestLine.Key] = config.LimitRequestLine,
            [Settings.LimitRequestFields.Key] = config.LimitRequestFields,
            [Settings.LimitRequestFieldSize.Key] = config.LimitRequestFieldSize,
            [Settings.ReloadStrategy.Key] = config.ReloadStrategy.ToString().ToLowerInvariant(),
            [Settings.Chdir.Key] = config.Chdir ?? "",
            [Settings.MaxWorkerMemory.Key] = config.MaxWorkerMemory,
            [Settings.MaxWorkerLifetime.Key] = config.MaxWorkerLifetime,
            [Settings.MaxWorkerLifetimeJitter.Key] = config.MaxWorkerLifetimeJitter,
            [Settings.TimeoutDump.Key] = config.TimeoutDump,
            [Settings.SlowRequestTimeout.Key] = config.SlowRequestTimeout,
            [Settings.ControlBind.Key] = config.ControlBind?.ToString() ?? "",
            [Settings.ControlAllowRemote.Key] = config.ControlAllowRemote,
            [Settings.ControlTokenFile.Key] = config.ControlTokenFile ?? "",
            [Settings.User.Key] = config.User ?? "",
            [Settings.Group.Key] = config.Group ?? "",
        };
        return new SortedDictionary<string, string>(
            values.ToDictionary(kv => kv.Key, kv => RawValue.Format(kv.Value)), StringComparer.Ordinal);
    }
}
