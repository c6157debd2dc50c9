using System.Globalization;
using System.Text;
using Supervisor.Commands.Control;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary>The human-readable <c>supervisor status</c>: a header line, then one aligned row per worker.</summary>
internal static class StatusTable
{
    private static readonly string[] Headings = ["PID", "SLOT", "STATE", "AGE", "SERVED", "IN FLIGHT", "RSS"];

    // --full adds the oldest request in flight: how long it runs, whom for, and what (last, as it is the longest).
    private static readonly string[] FullHeadings = [.. Headings, "RUNNING", "CLIENT", "OLDEST REQUEST"];

    // The state aligns left; counts, ages and sizes align right so that their units line up.
    private static readonly bool[] RightAligned = [true, true, false, true, true, true, true, true, false, false];

    /// <param name="full">Adds each worker's oldest request in flight, its query's secrets hidden.</param>
    public static string Render(StatusReport report, bool full = false)
    {
        var headings = full ? FullHeadings : Headings;
        var rows = new List<string[]> { headings };
        rows.AddRange(report.Workers.Select(w => Row(w, full)));
        var widths = Enumerable.Range(0, headings.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();

        var text = new StringBuilder();
        text.Append(ControlMessages.StatusHeader(report.MasterPid, report.Workers.Count)).Append('\n');
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => RightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static string[] Row(WorkerStatus w, bool full)
    {
        string[] row =
        [
            Number(w.Pid),
            Number(w.Slot),
            StatusFormat.State(w.State),
            StatusFormat.Age(w.Age),
            Number(w.RequestsServed),
            Number(w.RequestsInFlight),
            StatusFormat.Memory(w.ResidentBytes),
        ];
        if (!full)
        {
            return row;
        }

        return w.Oldest is { } oldest
            ? [.. row, StatusFormat.Running(oldest.RunningFor), oldest.Client.Length > 0 ? oldest.Client : "-", oldest.Line]
            : [.. row, "-", "-", "-"];
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
