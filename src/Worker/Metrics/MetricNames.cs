namespace Supervisor.Worker.Metrics;

/// <summary>The metrics Gunicorn sends to statsd (gunicorn/instrument/statsd.py), under the same names, so dashboards carry over.</summary>
internal static class MetricNames
{
    /// <summary>Counter: one per request, sent by the worker that served it.</summary>
    public const string Requests = "gunicorn.requests";

    /// <summary>Timer in milliseconds: how long each request took, sent by the worker that served it.</summary>
    public const string RequestDuration = "gunicorn.request.duration";

    /// <summary>Counter per status code, "gunicorn.request.status.200" and so on.</summary>
    public const string RequestStatus = "gunicorn.request.status.";

    /// <summary>Gauge: how many worker processes the master has, sent by the master when it changes.</summary>
    public const string Workers = "gunicorn.workers";

    /// <summary>Counters of the error log's lines at each level, sent by the process that logged them.</summary>
    public const string LogCritical = "gunicorn.log.critical";

    public const string LogError = "gunicorn.log.error";

    public const string LogWarning = "gunicorn.log.warning";

    /// <summary>Gunicorn's log.exception: an error logged with its exception. It is counted here, not under log.error.</summary>
    public const string LogException = "gunicorn.log.exception";
}
