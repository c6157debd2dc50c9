using Supervisor.ControlEndpoint;

namespace Supervisor.Tests.ControlEndpoint.Support;

/// <summary>A master whose answers the test sets.</summary>
internal sealed class FakeEndpointView : IEndpointView
{
    public string? NotReady { get; set; }

    public string? NotReadyReason() => NotReady;

    public string Metrics() => "# HELP x X.\n# TYPE x gauge\nx 1\n";

    public string StatusJson(bool full = false) => full ? "{\"master_pid\": 1, \"workers\": [], \"full\": true}\n" : "{\"master_pid\": 1, \"workers\": []}\n";
}
