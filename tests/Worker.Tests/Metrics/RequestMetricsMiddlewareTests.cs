using Microsoft.AspNetCore.Http;
using Supervisor.Worker.Metrics;
using Worker.Tests.AccessLog.Support;
using Worker.Tests.Support;

namespace Worker.Tests.Metrics;

/// <summary>Each request gives Gunicorn's three metrics, in its order, once the app is done with it.</summary>
public sealed class RequestMetricsMiddlewareTests : IDisposable
{
    private readonly StatsdListener _statsd = new();
    private readonly FixedTime _time = new(DateTimeOffset.UnixEpoch);

    public void Dispose() => _statsd.Dispose();

    [Fact]
    public async Task TheDurationTheRequestAndItsStatusAreSent()
    {
        using var sender = new StatsdSender(_statsd.Settings("shop"));
        var middleware = new RequestMetricsMiddleware(
            context =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(12.5));
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            },
            sender,
            _time);

        await middleware.InvokeAsync(new DefaultHttpContext());

        Assert.Equal("shop.gunicorn.request.duration:12.5|ms", await _statsd.NextAsync());
        Assert.Equal("shop.gunicorn.requests:1|c|@1.0", await _statsd.NextAsync());
        Assert.Equal("shop.gunicorn.request.status.404:1|c|@1.0", await _statsd.NextAsync());
    }

    [Fact]
    public async Task AnAppThatThrowsBeforeRespondingCountsAs500AndTheExceptionGoesOn()
    {
        using var sender = new StatsdSender(_statsd.Settings());
        var middleware = new RequestMetricsMiddleware(_ => throw new InvalidOperationException("boom"), sender, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(new DefaultHttpContext()));

        Assert.Equal("gunicorn.request.duration:0.0|ms", await _statsd.NextAsync());
        Assert.Equal("gunicorn.requests:1|c|@1.0", await _statsd.NextAsync());
        Assert.Equal("gunicorn.request.status.500:1|c|@1.0", await _statsd.NextAsync());
    }
}
