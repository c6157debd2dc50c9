namespace Supervisor.Master;

/// <summary>Says in one line what a reload changed, setting by setting.</summary>
internal static class ConfigChanges
{
    public static string Describe(Configuration.SupervisorConfig before, Configuration.SupervisorConfig after)
    {
        var old = Configuration.ConfigPrinter.Values(before);
        var changes = Configuration.ConfigPrinter.Values(after)
            .Where(kv => old[kv.Key] != kv.Value)
            .Select(kv => $"{kv.Key} {old[kv.Key]} -> {kv.Value}")
            .ToList();
        return changes.Count == 0 ? "no setting changed; starting new workers" : string.Join(", ", changes);
    }
}
