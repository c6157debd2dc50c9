using Microsoft.AspNetCore.Http;

namespace Supervisor.Worker.AccessLog;

/// <summary>What one access log line is made of, taken when the request has finished.</summary>
/// <param name="Status">The status the client got: 500 when the app threw before the response started.</param>
/// <param name="BytesSent">Body bytes written to the client, counted as they were written.</param>
/// <param name="Start">When the request started, in local time as Gunicorn writes it.</param>
internal readonly record struct AccessLogEntry(HttpContext Context, int Status, long BytesSent, DateTimeOffset Start, TimeSpan Duration)
{
    /// <summary>Whole microseconds, the unit Gunicorn derives T, M, D and L from.</summary>
    public long Microseconds => Duration.Ticks / TimeSpan.TicksPerMicrosecond;
}
