namespace SampleApp.Api;

internal sealed record UserResponse(long Id, string Email, DateTime CreatedAt);
