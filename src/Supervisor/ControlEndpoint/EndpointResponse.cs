namespace Supervisor.ControlEndpoint;

/// <summary>An answer of the control endpoint, before it is written to the connection.</summary>
/// <param name="Allow">The Allow header of a 405.</param>
/// <param name="Challenge">The WWW-Authenticate header of a 401.</param>
internal sealed record EndpointResponse(int StatusCode, string ContentType, string Body, string? Allow = null, string? Challenge = null)
{
    public const string PlainText = "text/plain; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";

    /// <summary>A one-line plain text answer.</summary>
    public static EndpointResponse Text(int statusCode, string line) => new(statusCode, PlainText, line + "\n");
}
