using System.Globalization;

namespace Supervisor.Status;

/// <summary>How ages and memory read in the status table: short, and as precise as a glance needs.</summary>
internal static class StatusFormat
{
    /// <summary>12s, 3m04s, 1h02m, 2d05h; "-" when unknown.</summary>
    public static string Age(TimeSpan? age)
    {
        if (age is not { } span)
        {
            return "-";
        }

        var seconds = (long)Math.Max(0, span.TotalSeconds);
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{seconds / 60}m{seconds % 60:00}s",
            < 86400 => $"{seconds / 3600}h{seconds / 60 % 60:00}m",
            _ => $"{seconds / 86400}d{seconds / 3600 % 24:00}h",
        };
    }

    /// <summary>How long a request has run, to a tenth of a second as the timeout log says it: "5.2s".</summary>
    public static string Running(TimeSpan running) =>
        Math.Max(0, running.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "s";

    /// <summary>Mebibytes with one decimal, e.g. "48.3 MiB"; "-" when unknown.</summary>
    public static string Memory(long? bytes) => bytes is { } value
        ? (value / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : "-";

    /// <summary>The state's name as the user reads it: ready, booting, ...</summary>
    public static string State(Worker.Protocol.WorkerState state) => state.ToString().ToLowerInvariant();
}
