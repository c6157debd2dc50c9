namespace SampleApp.Api;

/// <param name="Code">What <c>POST /api/subscriptions</c> takes as <c>plan</c>.</param>
internal sealed record PlanResponse(string Code, string Name, int PriceCents, string Currency);
