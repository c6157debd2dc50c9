using System.Net;
using System.Text.Json;
using SampleApp.Tests.Support;

namespace SampleApp.Tests.Endpoints;

/// <summary>SampleApp run without the supervisor answers like any Kestrel app on its --urls.</summary>
public sealed class EndpointTests : IClassFixture<UnsupervisedApp>
{
    private readonly UnsupervisedApp _app;

    public EndpointTests(UnsupervisedApp app) => _app = app;

    [Fact]
    public async Task RootSaysHelloWorldAsPlainText()
    {
        using var response = await _app.Client.GetAsync("/");
        Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthzSaysOk() =>
        Assert.Equal("ok", await _app.Client.GetStringAsync("/healthz"));

    [Fact]
    public async Task WorkerShowsThePidNoSlotAndACountThatGrows()
    {
        using var first = JsonDocument.Parse(await _app.Client.GetStringAsync("/api/worker"));
        using var second = JsonDocument.Parse(await _app.Client.GetStringAsync("/api/worker"));
        Assert.Equal(_app.Pid, first.RootElement.GetProperty("pid").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("slot").ValueKind);
        Assert.True(second.RootElement.GetProperty("requests").GetInt64() > first.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task SleepSleepsAndSaysHowLong()
    {
        using var json = JsonDocument.Parse(await _app.Client.GetStringAsync("/api/sleep?ms=50"));
        Assert.Equal(50, json.RootElement.GetProperty("slept_ms").GetInt32());
        Assert.Equal(_app.Pid, json.RootElement.GetProperty("pid").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?ms=")]
    [InlineData("?ms=-1")]
    [InlineData("?ms=600001")]
    [InlineData("?ms=abc")]
    [InlineData("?ms=1.5")]
    public async Task SleepRefusesAnythingButZeroToTenMinutes(string query)
    {
        using var response = await _app.Client.GetAsync("/api/sleep" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ms must be a whole number from 0 to 600000.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SleepOfZeroAnswersAtOnce()
    {
        using var json = JsonDocument.Parse(await _app.Client.GetStringAsync("/api/sleep?ms=0"));
        Assert.Equal(0, json.RootElement.GetProperty("slept_ms").GetInt32());
    }

    [Fact]
    public void TheAppListensOnTheUrlItWasGiven() =>
        Assert.Contains($"Now listening on: http://127.0.0.1:{_app.Port}", _app.Output, StringComparison.Ordinal);
}
