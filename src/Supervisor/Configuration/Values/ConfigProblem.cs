namespace Supervisor.Configuration.Values;

/// <summary>One thing wrong with the configuration, and where it is.</summary>
internal sealed record ConfigProblem(ValueOrigin? Origin, string Message)
{
    /// <summary>The setting at fault, when the problem is about one (set by the machine check).</summary>
    public string? Key { get; init; }

    public override string ToString() => Origin is null || Origin.Source == ValueSource.Default
        ? Message
        : $"{Origin}: {Message}";
}
