using System.Text.Json.Serialization;
using SampleApp.Endpoints;

namespace SampleApp;

/// <summary>Source-generated JSON for every response type: no reflection, so the app can be trimmed and AOT-compiled.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkerResponse))]
[JsonSerializable(typeof(SleepResponse))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
