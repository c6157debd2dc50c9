namespace SampleApp.Auth;

internal sealed record UserResponse(long Id, string Email, DateTime CreatedAt);
