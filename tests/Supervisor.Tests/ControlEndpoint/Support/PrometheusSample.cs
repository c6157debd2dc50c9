namespace Supervisor.Tests.ControlEndpoint.Support;

/// <summary>One sample line read back: name, labels in order, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels[name];
}
