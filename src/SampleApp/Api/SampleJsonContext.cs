using System.Text.Json.Serialization;

namespace SampleApp.Api;

/// <summary>Source-generated JSON for every request and response type: no reflection, so the app can be trimmed and AOT-compiled.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkerResponse))]
[JsonSerializable(typeof(SleepResponse))]
[JsonSerializable(typeof(ClientResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(List<PlanResponse>))]
[JsonSerializable(typeof(SubscribeRequest))]
[JsonSerializable(typeof(SubscriptionResponse))]
[JsonSerializable(typeof(List<SubscriptionResponse>))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
