namespace Supervisor.ControlEndpoint;

/// <summary>The four paths of the control endpoint, and the answer to anything else.</summary>
internal static class EndpointRoutes
{
    /// <param name="query">The query string, with or without its '?'; <c>/status?full</c> adds each worker's oldest request.</param>
    /// <param name="authorized">False when a token is required and the request did not carry it: the probes still answer.</param>
    public static EndpointResponse Answer(string method, string path, IEndpointView master, string query = "", bool authorized = true)
    {
        var known = path is "/healthz" or "/readyz" or "/metrics" or "/status";
        if (!known)
        {
            return EndpointResponse.Text(404, EndpointMessages.NotFound);
        }

        if (!HttpMethodIsGet(method))
        {
            return EndpointResponse.Text(405, EndpointMessages.MethodNotAllowed) with { Allow = "GET" };
        }

        if (!authorized && path is "/metrics" or "/status")
        {
            return EndpointResponse.Text(401, EndpointMessages.TokenRequired) with { Challenge = "Bearer" };
        }

        return path switch
        {
            // Answering at all is the proof of life: the request ran on the master's own process.
            "/healthz" => EndpointResponse.Text(200, EndpointMessages.Ok),
            "/readyz" => master.NotReadyReason() is { } reason
                ? EndpointResponse.Text(503, reason)
                : EndpointResponse.Text(200, EndpointMessages.Ok),
            "/metrics" => new EndpointResponse(200, PrometheusText.ContentType, master.Metrics()),
            _ => new EndpointResponse(200, EndpointResponse.Json, master.StatusJson(full: WantsFull(query))),
        };
    }

    /// <summary>PHP-FPM's spelling: <c>?full</c>; <c>?full=1</c> and <c>?full=true</c> too, but not <c>?full=0</c>.</summary>
    private static bool WantsFull(string query) => query.TrimStart('?').Split('&').Any(p => p is "full" or "full=1" or "full=true");

    private static bool HttpMethodIsGet(string method) => string.Equals(method, "GET", StringComparison.Ordinal);
}
