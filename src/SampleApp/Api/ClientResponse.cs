namespace SampleApp.Api;

/// <param name="RemoteIp">The client's address as the app sees it: the proxy's forwarded one when the proxy is trusted.</param>
/// <param name="Scheme">http or https, as the client used it when a trusted proxy says so.</param>
internal sealed record ClientResponse(string? RemoteIp, string Scheme);
