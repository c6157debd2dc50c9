using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Http;
using Supervisor.Worker.Lifecycle;

namespace Supervisor.Worker.Requests;

/// <summary>
/// First middleware of a supervised worker: numbers the request by the quota (which begins the drain at the
/// request that reaches it), keeps it in the
/// in-flight registry while it runs, and closes the connection after the response once the worker
/// drains (so keep-alive clients reconnect to another worker instead of hitting a closing socket).
/// </summary>
internal sealed class RequestTrackingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestQuota _quota;
    private readonly InFlightRequests _inFlight;
    private readonly WorkerDrain _drain;
    private readonly AcceptGate _gate;
    private readonly bool _closeEveryResponse;
    private readonly Func<object, Task> _closeIfDraining;

    public RequestTrackingMiddleware(
        RequestDelegate next, RequestQuota quota, InFlightRequests inFlight, WorkerDrain drain, AcceptGate gate, bool closeEveryResponse)
    {
        _gate = gate;
        _next = next;
        _quota = quota;
        _inFlight = inFlight;
        _drain = drain;
        _closeEveryResponse = closeEveryResponse;
        _closeIfDraining = CloseIfDraining;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        _gate.RequestStarting(context);
        var number = _quota.Start();

        // By its number, not by the drain's flag alone: a request on another kept-alive connection that starts just
        // after the quota was reached closes its connection even if the drain has not begun yet. So each connection
        // serves at most one request past the quota, and a worker serves at most its quota plus its open connections.
        if (_closeEveryResponse || _quota.IsAtOrPastQuota(number) || _drain.IsDraining)
        {
            context.Response.Headers.Connection = "close";
        }
        else
        {
            // The drain may begin while this request runs (TERM during a slow request).
            context.Response.OnStarting(_closeIfDraining, context);
        }

        var request = context.Request;
        var path = request.PathBase.HasValue ? (request.PathBase + request.Path).Value : request.Path.Value;
        var connection = context.Connection;
        var entry = new InFlightRequest(
            Environment.TickCount64, request.Method, path ?? "/", request.QueryString.Value ?? "", connection.RemoteIpAddress, connection.RemotePort);
        var started = Stopwatch.GetTimestamp();
        var completed = false;
        _inFlight.Enter(entry);
        try
        {
            await _next(context).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            // As the access log counts it: a request that threw before its response started is the 500 Kestrel sends.
            var status = ResponseStatus.Final(context, completed);
            _inFlight.Exit(entry, status, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    }

    private Task CloseIfDraining(object state)
    {
        if (_drain.IsDraining)
        {
            ((HttpContext)state).Response.Headers.Connection = "close";
        }

        return Task.CompletedTask;
    }
}
