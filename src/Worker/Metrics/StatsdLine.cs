using System.Globalization;
using System.Text;

namespace Supervisor.Worker.Metrics;

/// <summary>
/// One metric in statsd's line protocol, as Gunicorn writes it: <c>PREFIX.NAME:VALUE|TYPE</c>, counters with the
/// sample rate <c>|@1.0</c>, and DogStatsD's tags last as <c>|#TAGS</c>.
/// </summary>
internal static class StatsdLine
{
    /// <summary>
    /// statsd_prefix with one dot after it, however many it had: "app", "app." and "app.." all give "app.". An
    /// empty prefix stays empty.
    /// </summary>
    public static string Prefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.TrimEnd('.');
        return trimmed.Length == 0 ? prefix : trimmed + ".";
    }

    public static byte[] Counter(string prefix, string name, long value, string tags) =>
        Format(prefix, name, value.ToString(CultureInfo.InvariantCulture), "c|@1.0", tags);

    public static byte[] Gauge(string prefix, string name, long value, string tags) =>
        Format(prefix, name, value.ToString(CultureInfo.InvariantCulture), "g", tags);

    /// <summary>A duration in milliseconds, to the microsecond, as Python prints the float Gunicorn sends (12.5, 3.0).</summary>
    public static byte[] Timer(string prefix, string name, TimeSpan duration, string tags) =>
        Format(prefix, name, (duration.Ticks / 10 / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture), "ms", tags);

    private static byte[] Format(string prefix, string name, string value, string type, string tags) =>
        Encoding.ASCII.GetBytes(tags.Length == 0 ? $"{prefix}{name}:{value}|{type}" : $"{prefix}{name}:{value}|{type}|#{tags}");
}
