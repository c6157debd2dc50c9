namespace SampleApp.Api;

/// <param name="Plan">A plan's code from <c>GET /api/plans</c>.</param>
internal sealed record SubscribeRequest(string? Plan);
