using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Metrics;

/// <summary>Where a process sends its metrics and what it puts around each one.</summary>
/// <param name="Prefix">statsd_prefix as written; <see cref="StatsdLine"/> adds the dot.</param>
/// <param name="Tags">dogstatsd_tags as written, comma-separated; empty for none.</param>
internal sealed record StatsdSettings(LogAddress Address, string Prefix, string Tags)
{
    /// <summary>What the contract says of statsd; null when statsd_host is not set.</summary>
    public static StatsdSettings? From(WorkerContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return contract.StatsdHost.Length > 0 && LogAddress.ParseStatsd(contract.StatsdHost, out _) is { } address
            ? new StatsdSettings(address, contract.StatsdPrefix, contract.DogstatsdTags)
            : null;
    }
}
