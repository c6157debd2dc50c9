namespace Supervisor.Tests.ControlEndpoint.Support;

/// <summary>A metric family read back: its HELP text and TYPE.</summary>
internal sealed record PrometheusFamily(string Name, string Help, string Type);
