using System.Text.Json.Serialization;

namespace SampleApp.Api;

/// <summary>Every API error: one sentence for people, and per-field messages when the input was wrong.</summary>
internal sealed record ErrorResponse(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);
