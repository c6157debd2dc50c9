using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SampleApp.Tests.Support;

namespace SampleApp.Tests.Endpoints;

/// <summary>SampleApp's /api/debug endpoints, which the supervisor's timeout and memory tests lean on.</summary>
public sealed class DiagnosticsEndpointsTests : IClassFixture<UnsupervisedApp>
{
    private readonly UnsupervisedApp _app;

    public DiagnosticsEndpointsTests(UnsupervisedApp app) => _app = app;

    [Fact]
    public async Task HangBlocksForTheTimeAskedAndAnswersJson()
    {
        var clock = Stopwatch.StartNew();
        using var response = await _app.Client.GetAsync("/api/debug/hang?ms=200");
        clock.Stop();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, json.RootElement.GetProperty("hung_ms").GetInt32());
        Assert.Equal(_app.Pid, json.RootElement.GetProperty("pid").GetInt32());
        Assert.True(clock.ElapsedMilliseconds >= 200, $"The hang answered after {clock.ElapsedMilliseconds} ms.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?ms=")]
    [InlineData("?ms=-1")]
    [InlineData("?ms=600001")]
    [InlineData("?ms=abc")]
    [InlineData("?ms=1.5")]
    public async Task HangRefusesAnythingButZeroToTenMinutes(string query)
    {
        using var response = await _app.Client.GetAsync("/api/debug/hang" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ms must be a whole number from 0 to 600000.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AllocateKeepsTheMemoryAndTheResidentSizeGrowsByIt()
    {
        var first = await AllocateAsync(32);
        var second = await AllocateAsync(64);

        Assert.Equal(64, second.GetProperty("allocated_mb").GetInt32());
        Assert.Equal(first.GetProperty("held_mb").GetInt32() + 64, second.GetProperty("held_mb").GetInt32());
        Assert.Equal(_app.Pid, second.GetProperty("pid").GetInt32());

        // Every page was written, so nearly all of it is resident: allow for the GC giving some other memory back.
        var grown = second.GetProperty("rss_bytes").GetInt64() - first.GetProperty("rss_bytes").GetInt64();
        Assert.True(grown >= 48L * 1024 * 1024, $"RSS grew by {grown} bytes for 64 MiB.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?mb=0")]
    [InlineData("?mb=4097")]
    [InlineData("?mb=-1")]
    [InlineData("?mb=lots")]
    public async Task AllocateRefusesAnythingButOneTo4096(string query)
    {
        using var response = await _app.Client.GetAsync("/api/debug/allocate" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("mb must be a whole number from 1 to 4096.", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> AllocateAsync(int mb)
    {
        using var response = await _app.Client.GetAsync($"/api/debug/allocate?mb={mb}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
