using System.Globalization;
using Supervisor.Worker.Protocol;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The request families of <c>/metrics</c>: completed requests by status class, and their durations as a histogram
/// over <see cref="DurationBuckets"/>. Both are totals over every worker since the master started.
/// </summary>
internal static class RequestMetricsText
{
    public const string RequestsTotal = "supervisor_http_requests_total";
    public const string Duration = "supervisor_http_request_duration_seconds";

    public static void Render(PrometheusText text, RequestTally requests)
    {
        text.Family(RequestsTotal, MetricsText.Counter, "Requests completed by all workers since the master started, by status class (1xx to 5xx).");
        for (var statusClass = 1; statusClass <= RequestTally.StatusClasses; statusClass++)
        {
            text.Sample(RequestsTotal, requests.StatusClass(statusClass), ("code_class", statusClass.ToString(CultureInfo.InvariantCulture) + "xx"));
        }

        text.Family(Duration, "histogram", "Time from the start of a request to the end of its response, by all workers since the master started.");
        long cumulative = 0;
        var bounds = DurationBuckets.UpperBoundsMicros;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += requests.Bucket(i);
            text.Sample(Duration + "_bucket", cumulative, ("le", PrometheusText.Format(bounds[i] / 1_000_000.0)));
        }

        var count = requests.Count;
        text.Sample(Duration + "_bucket", count, ("le", "+Inf"));
        text.Sample(Duration + "_sum", requests.DurationSumMicros / 1_000_000.0);
        text.Sample(Duration + "_count", count);
    }
}
