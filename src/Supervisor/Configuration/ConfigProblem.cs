namespace Supervisor.Configuration;

/// <summary>One thing wrong with the configuration, and where it is.</summary>
internal sealed record ConfigProblem(ValueOrigin? Origin, string Message)
{
    public override string ToString() => Origin is null || Origin.Source == ValueSource.Default
        ? Message
        : $"{Origin}: {Message}";
}
