namespace SampleApp.Data;

/// <summary>What a migration run did: the scripts it applied, in order, and the one that failed, if any.</summary>
/// <param name="FailedScript">The script that failed; null when reading or creating the journal failed.</param>
/// <param name="Error">Why it failed; null when every script ran.</param>
internal sealed record MigrationResult(IReadOnlyList<string> Applied, string? FailedScript = null, string? Error = null)
{
    public bool Successful => Error is null;
}
