using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>The outcome of loading: a configuration, or every problem found.</summary>
/// <param name="Values">The merged values the configuration was built from, with where each came from.</param>
internal sealed record ConfigResult(
    SupervisorConfig? Config,
    IReadOnlyList<ConfigProblem> Problems,
    IReadOnlyDictionary<string, RawValue>? Values = null)
{
    public bool IsValid => Config is not null && Problems.Count == 0;
}
