namespace SampleApp.Api;

internal sealed record SubscriptionResponse(long Id, string Plan, string Status, DateTime CreatedAt);
