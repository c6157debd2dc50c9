namespace Supervisor.Configuration;

/// <summary>The outcome of loading: a configuration, or every problem found.</summary>
internal sealed record ConfigResult(SupervisorConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null && Problems.Count == 0;
}
