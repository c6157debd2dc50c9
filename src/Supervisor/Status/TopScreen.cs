using System.Globalization;

namespace Supervisor.Status;

/// <summary>
/// One screen of <c>supervisor top</c>: the master and its totals, its listen queues, then a row per worker with
/// its requests per second since the previous screen and its oldest request. Pure: the caller reads and times.
/// </summary>
internal static class TopScreen
{
    private static readonly string[] Headings = ["PID", "SLOT", "STATE", "AGE", "REQ/S", "IN FLIGHT", "RSS", "RUNNING", "OLDEST REQUEST"];
    private static readonly bool[] RightAligned = [true, true, false, true, true, true, true, true, false];

    /// <param name="previousServed">Each worker's served count on the previous screen, by pid; empty on the first.</param>
    /// <param name="seconds">Seconds since the previous screen.</param>
    public static IReadOnlyList<string> Render(
        StatusReport report, IReadOnlyDictionary<int, long> previousServed, double seconds, IReadOnlyList<(string Address, long Queued)> queues, DateTimeOffset now)
    {
        var rates = report.Workers.ToDictionary(w => w.Pid, w => Rate(w, previousServed, seconds));
        var lines = new List<string>
        {
            $"supervisor top - master {N(report.MasterPid)}, {N(report.Workers.Count)} workers - {now:HH:mm:ss} - q quits",
            string.Create(CultureInfo.InvariantCulture,
                $"Requests: {rates.Values.Sum():0.0}/s, {N(report.Workers.Sum(w => w.RequestsInFlight))} in flight, {N(report.Workers.Sum(w => w.RequestsServed))} served by these workers"),
            "Listen queue: " + (queues.Count == 0 ? "-" : string.Join(", ", queues.Select(q => $"{q.Address} {N(q.Queued)} waiting"))),
            "",
        };

        var rows = new List<string[]> { Headings };
        rows.AddRange(report.Workers.Select(w => new[]
        {
            N(w.Pid), N(w.Slot), StatusFormat.State(w.State), StatusFormat.Age(w.Age),
            rates[w.Pid] is { } rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) : "-",
            N(w.RequestsInFlight), StatusFormat.Memory(w.ResidentBytes),
            w.Oldest is { } oldest ? StatusFormat.Running(oldest.RunningFor) : "-",
            w.Oldest?.Line ?? "-",
        }));
        var widths = Enumerable.Range(0, Headings.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        lines.AddRange(rows.Select(row =>
            string.Join("  ", row.Select((cell, c) => RightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd()));
        return lines;
    }

    /// <summary>Requests per second since the previous screen; null for a worker that was not on it.</summary>
    private static double? Rate(WorkerStatus worker, IReadOnlyDictionary<int, long> previousServed, double seconds) =>
        seconds > 0 && previousServed.TryGetValue(worker.Pid, out var before)
            ? Math.Max(0, worker.RequestsServed - before) / seconds
            : null;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
