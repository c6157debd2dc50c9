namespace SampleApp.Endpoints;

internal static class RootEndpoints
{
    public static void MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => "Hello, World!");
        app.MapGet("/healthz", () => "ok");
    }
}
