using SampleApp.Api;

namespace SampleApp.Endpoints;

/// <summary>Shows who the app thinks the client is, to check the proxy's forwarded headers are trusted (or not).</summary>
internal static class ClientEndpoints
{
    public static void MapClientEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/client", (HttpContext context) =>
            TypedResults.Json(new ClientResponse(context.Connection.RemoteIpAddress?.ToString(), context.Request.Scheme), SampleJsonContext.Default.ClientResponse));
}
