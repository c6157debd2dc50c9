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
    private readonly ControlToken? _token;

    /// <param name="token">The token /metrics and /status require; null when they require none.</param>
    public EndpointApplication(IEndpointView master, ConnectionRoster connections, ControlToken? token = null)
    {
        _master = master;
        _connections = connections;
        _token = token;
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
        var request = context.Request;
        var authorized = _token is null || _token.Allows(request.Headers.Authorization.Count == 1 ? request.Headers.Authorization[0] : null);
        var answer = EndpointRoutes.Answer(request.Method, request.Path.Value ?? "/", _master, request.QueryString.Value ?? "", authorized);
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;

        // A probe or a scrape must never be served a cached answer.
        response.Headers.CacheControl = "no-store";
        if (answer.Allow is { } allow)
        {
            response.Headers.Allow = allow;
        }

        if (answer.Challenge is { } challenge)
        {
            response.Headers.WWWAuthenticate = challenge;
        }

        var body = System.Text.Encoding.UTF8.GetBytes(answer.Body);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
