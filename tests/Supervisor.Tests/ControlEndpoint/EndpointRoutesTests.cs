using Supervisor.ControlEndpoint;
using Supervisor.Tests.ControlEndpoint.Support;

namespace Supervisor.Tests.ControlEndpoint;

public sealed class EndpointRoutesTests
{
    private readonly FakeEndpointView _master = new();

    [Fact]
    public void HealthzSaysOk() =>
        Assert.Equal(new EndpointResponse(200, "text/plain; charset=utf-8", "ok\n"), EndpointRoutes.Answer("GET", "/healthz", _master));

    [Fact]
    public void ReadyzSaysOkWhenReady() =>
        Assert.Equal(new EndpointResponse(200, "text/plain; charset=utf-8", "ok\n"), EndpointRoutes.Answer("GET", "/readyz", _master));

    [Theory]
    [InlineData("draining")]
    [InlineData("no worker is ready")]
    public void ReadyzIs503WithTheReasonOnOneLine(string reason)
    {
        _master.NotReady = reason;

        Assert.Equal(new EndpointResponse(503, "text/plain; charset=utf-8", reason + "\n"), EndpointRoutes.Answer("GET", "/readyz", _master));
    }

    [Fact]
    public void HealthzStaysOkWhileDraining()
    {
        _master.NotReady = "draining";

        Assert.Equal(200, EndpointRoutes.Answer("GET", "/healthz", _master).StatusCode);
    }

    [Fact]
    public void MetricsIsPrometheusText()
    {
        var answer = EndpointRoutes.Answer("GET", "/metrics", _master);

        Assert.Equal((200, "text/plain; version=0.0.4; charset=utf-8"), (answer.StatusCode, answer.ContentType));
        Assert.Equal(_master.Metrics(), answer.Body);
    }

    [Fact]
    public void StatusIsTheStatusJson()
    {
        var answer = EndpointRoutes.Answer("GET", "/status", _master);

        Assert.Equal(new EndpointResponse(200, "application/json; charset=utf-8", _master.StatusJson()), answer);
    }

    [Theory]
    [InlineData("?full")]
    [InlineData("full")]
    [InlineData("?full=1")]
    [InlineData("?a=b&full=true")]
    public void StatusFullIsTheFullStatusJson(string query) =>
        Assert.Equal(_master.StatusJson(full: true), EndpointRoutes.Answer("GET", "/status", _master, query).Body);

    [Theory]
    [InlineData("")]
    [InlineData("?full=0")]
    [InlineData("?fuller")]
    public void StatusWithoutFullIsTheShortOne(string query) =>
        Assert.Equal(_master.StatusJson(), EndpointRoutes.Answer("GET", "/status", _master, query).Body);

    [Theory]
    [InlineData("/")]
    [InlineData("/metrics/")]
    [InlineData("/HEALTHZ")]
    public void AnUnknownPathIs404AndListsThePaths(string path) =>
        Assert.Equal(
            new EndpointResponse(404, "text/plain; charset=utf-8", "not found; the control endpoint serves /healthz, /readyz, /metrics and /status\n"),
            EndpointRoutes.Answer("GET", path, _master));

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public void OnlyGetIsAnswered(string method) =>
        Assert.Equal(
            new EndpointResponse(405, "text/plain; charset=utf-8", "method not allowed; the control endpoint answers GET only\n", Allow: "GET"),
            EndpointRoutes.Answer(method, "/readyz", _master));
}
