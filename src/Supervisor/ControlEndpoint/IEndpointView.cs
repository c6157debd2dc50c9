namespace Supervisor.ControlEndpoint;

/// <summary>What the endpoint reads of the master; every member is safe to call from any thread.</summary>
internal interface IEndpointView
{
    /// <summary>Null when the master should get traffic, else the reason it should not.</summary>
    string? NotReadyReason();

    /// <summary>The Prometheus text of <c>/metrics</c>.</summary>
    string Metrics();

    /// <summary>The document <c>supervisor status --json</c> prints; with <paramref name="full"/>, that of <c>--full</c>.</summary>
    string StatusJson(bool full = false);
}
