using Microsoft.AspNetCore.Http;
using Supervisor.Worker.Http;

namespace Supervisor.Worker.Metrics;

/// <summary>
/// Gunicorn's request metrics, sent once the app is done with each request: its duration, the request counter and
/// the counter of its status (500 when the app threw before the response started, which is what Kestrel then
/// sends), whether or not an access log is written.
/// </summary>
internal sealed class RequestMetricsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly StatsdSender _statsd;
    private readonly TimeProvider _time;

    public RequestMetricsMiddleware(RequestDelegate next, StatsdSender statsd, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(statsd);
        ArgumentNullException.ThrowIfNull(time);
        _next = next;
        _statsd = statsd;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        var completed = false;
        try
        {
            await _next(context).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            var status = ResponseStatus.Final(context, completed);

            // Gunicorn's order: the duration, then the two counters.
            _statsd.Timer(MetricNames.RequestDuration, _time.GetElapsedTime(started));
            _statsd.Increment(MetricNames.Requests);
            _statsd.Increment(MetricNames.RequestStatus + status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
