using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Requests;
using Supervisor.Worker.Scoreboard;
using Worker.Tests.Support;

namespace Worker.Tests.Requests;

/// <summary>What the connection of each request becomes around the worker's quota (3 here).</summary>
public sealed class RequestTrackingMiddlewareTests : IDisposable
{
    private const long Quota = 3;

    private readonly TempScoreboard _scoreboard = new();
    private readonly StoppableLifetime _lifetime = new();
    private readonly RequestQuota _counter = new(Quota);
    private readonly AcceptGate _gate;
    private readonly SlotWriter _slot;
    private readonly WorkerDrain _drain;
    private ILogger _logger = NullLogger.Instance;
    private bool _retiresAtQuota;

    public RequestTrackingMiddlewareTests()
    {
        _slot = _scoreboard.Master.OpenSlot(0);
        _slot.Claim(Environment.ProcessId, generation: 1, now: 1);
        _gate = new AcceptGate(_counter);
        _drain = new WorkerDrain(_slot, _lifetime, _gate, linger: TimeSpan.Zero);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _lifetime.Dispose();
        _scoreboard.Dispose();
    }

    /// <summary>Runs one request, then what a server does before the headers go out; returns the Connection header sent.</summary>
    private sealed class ForwardingLogger(Func<ILogger> current) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => current().BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => current().IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            current().Log(logLevel, eventId, state, exception, formatter);
    }

    private async Task<string> ConnectionHeaderAsync(ILogger? logger = null)
    {
        var response = new StartingResponseFeature();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature { Method = "GET", Path = "/" });
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        var context = new DefaultHttpContext(features);
        _logger = logger ?? NullLogger.Instance;
        if (!_retiresAtQuota)
        {
            // As the worker wires it, from the first request this fixture serves: numbers a test takes before stand
            // for requests whose own reaction has not run yet. The logger is looked up when the quota is reached.
            _drain.RetireAtQuota(_counter, new ForwardingLogger(() => _logger));
            _retiresAtQuota = true;
        }

        var middleware = new RequestTrackingMiddleware(_ => Task.CompletedTask, _counter, new InFlightRequests(_slot), _drain, _gate, closeEveryResponse: false);

        await middleware.InvokeAsync(context);
        await response.StartAsync();
        return context.Response.Headers.Connection.ToString();
    }

    [Fact]
    public async Task TheRequestThatReachesTheQuotaIsTheFirstToCloseItsConnectionAndBeginsTheDrain()
    {
        var headers = new List<string>();
        for (var i = 0; i < Quota; i++)
        {
            headers.Add(await ConnectionHeaderAsync());
        }

        Assert.Equal(["", "", "close"], headers);
        Assert.True(_drain.IsDraining);
        Assert.Equal(WorkerState.Retiring, _slot.State);
    }

    [Fact]
    public async Task ARequestPastTheQuotaClosesItsConnectionEvenBeforeTheDrainHasBegun()
    {
        // Another kept-alive connection's request took the quota's number and has not begun the drain yet.
        for (var i = 0; i < Quota; i++)
        {
            _counter.Start();
        }

        Assert.Equal("close", await ConnectionHeaderAsync());
        Assert.False(_drain.IsDraining);
    }

    [Fact]
    public async Task TheDrainHasBegunWhenTheQuotaIsLogged()
    {
        var logged = new List<(string Message, bool Draining)>();
        var logger = new ObservingLogger(message => logged.Add((message, _drain.IsDraining)));

        for (var i = 0; i < Quota; i++)
        {
            await ConnectionHeaderAsync(logger);
        }

        Assert.Equal([("Autorestarting worker after current request (quota of 3 requests reached)", true)], logged);
    }
}
