using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// What Kestrel runs for each request: no middleware, no routing table, one answer written whole. The
/// master's process serves nothing else, so nothing more is needed.
/// </summary>
internal sealed class EndpointApplication : IHttpApplication<HttpContext>
{
    private readonly IEndpointView _master;
    private readonly ConnectionRoster _connections;

    public EndpointApplication(IEndpointView master, ConnectionRoster connections)
    {
        _master = master;
        _connections = connections;
    }

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public async Task ProcessRequestAsync(HttpContext context)
    {
        var serving = _connections.Serving(context.Features.Get<IConnectionItemsFeature>()?.Items);
        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            _connections.Served(serving);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var answer = EndpointRoutes.Answer(context.Request.Method, context.Request.Path.Value ?? "/", _master, context.Request.QueryString.Value ?? "");
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;

        // A probe or a scrape must never be served a cached answer.
        response.Headers.CacheControl = "no-store";
        if (answer.Allow is { } allow)
        {
            response.Headers.Allow = allow;
        }

        var body = System.Text.Encoding.UTF8.GetBytes(answer.Body);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
