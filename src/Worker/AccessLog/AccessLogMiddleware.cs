using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Supervisor.Worker.Http;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// Writes one access log line per request once the app is done with it: also when the app threw (status
/// 500 when the response had not started, which is what Kestrel then sends) and when the client went away.
/// </summary>
internal sealed class AccessLogMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AccessLogWriter _log;
    private readonly TimeProvider _time;

    public AccessLogMiddleware(RequestDelegate next, AccessLogWriter log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        _next = next;
        _log = log;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        var startedAt = _time.GetLocalNow();
        var features = context.Features;
        var serverBody = features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new CountingResponseBody(serverBody);
        features.Set<IHttpResponseBodyFeature>(body);
        var completed = false;
        try
        {
            await _next(context).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            features.Set(serverBody);
            var status = ResponseStatus.Final(context, completed);
            _log.Write(new AccessLogEntry(context, status, body.BytesWritten, startedAt, _time.GetElapsedTime(started)));
        }
    }
}
