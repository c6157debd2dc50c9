using Supervisor.Configuration.Catalogue;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration;

/// <summary>
/// The validated, effective configuration: every setting of the catalogue (<see cref="Settings"/>) with its
/// value, read with <see cref="Get{T}"/>. Immutable: a reload builds a new one.
/// </summary>
internal sealed class SupervisorConfig
{
    private readonly IReadOnlyDictionary<Setting, object?> _values;

    public SupervisorConfig(IReadOnlyDictionary<Setting, object?> values, string? configFile)
    {
        var missing = Settings.All.Where(s => !values.ContainsKey(s)).Select(s => s.Key).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No value for {string.Join(", ", missing)}.", nameof(values));
        }

        _values = values;
        ConfigFile = configFile;
    }

    /// <summary>The config file this was read from, as the user named it; null when none was used.</summary>
    public string? ConfigFile { get; }

    /// <summary>The uid and gid workers run with, when user is set.</summary>
    public (uint Uid, uint Gid)? WorkerOwner => Get(Settings.User) is { } user ? (user.Uid, user.Gid) : null;

    /// <summary>The value of one setting, as its catalogue entry reads it.</summary>
    public T Get<T>(Setting<T> setting) => (T)_values[setting]!;

    /// <summary>The value of one setting, untyped, for code that goes through every setting.</summary>
    public object? Value(Setting setting) => _values[setting];

    /// <summary>The master's log, read from the contract its workers are given, so that the master and they log alike.</summary>
    public LogSettings LogSettings => LogSettings.From(Settings.All.Aggregate(
        new WorkerContract { ListenFds = [], ScoreboardPath = "", Slot = 0, MasterPid = Environment.ProcessId },
        (contract, setting) => setting.ToWorker(contract, Value(setting))));

    /// <summary>This configuration with one setting changed (for tests and derived configurations).</summary>
    public SupervisorConfig With<T>(Setting<T> setting, T value) =>
        new(new Dictionary<Setting, object?>(_values) { [setting] = value }, ConfigFile);
}
