using Supervisor.Configuration.Values;

namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// What reading the settings shares: the problems found so far (every one is reported, not just the first)
/// and what the machine is, for values that depend on it.
/// </summary>
internal sealed class SettingReader
{
    private readonly List<ConfigProblem> _problems;

    public SettingReader(List<ConfigProblem> problems, int processorCount)
    {
        _problems = problems;
        ProcessorCount = processorCount;
    }

    /// <summary>The CPUs this process may use, for <c>workers = "auto"</c>.</summary>
    public int ProcessorCount { get; }

    public void Problem(ValueOrigin? origin, string message) => _problems.Add(new ConfigProblem(origin, message));

    /// <summary>Reads one setting's merged value (null when none was given and it has no default).</summary>
    public object? Read(Setting setting, RawValue? raw) => setting.Read(this, raw);
}
