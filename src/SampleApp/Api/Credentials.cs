namespace SampleApp.Api;

/// <summary>The body of register and login. Fields are nullable so a missing one is a field error, not a binding failure.</summary>
internal sealed record Credentials(string? Email, string? Password);
