using System.Text.Json.Serialization;

namespace Supervisor.Status;

/// <summary>Source-generated serialization for the status document: the supervisor is built AOT-compatible.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
