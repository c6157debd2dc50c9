namespace SampleApp.Api;

/// <param name="TokenType">Always "Bearer": send it as <c>Authorization: Bearer TOKEN</c>.</param>
internal sealed record TokenResponse(string Token, string TokenType, DateTime ExpiresAt);
