using System.Globalization;
using System.Text;
using Supervisor.Commands.Control;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary>The human-readable <c>supervisor status</c>: a header line, then one aligned row per worker.</summary>
internal static class StatusTable
{
    private static readonly string[] Headings = ["PID", "SLOT", "STATE", "AGE", "SERVED", "IN FLIGHT", "RSS"];

    // The state aligns left; counts, ages and sizes align right so that their units line up.
    private static readonly bool[] RightAligned = [true, true, false, true, true, true, true];

    public static string Render(StatusReport report)
    {
        var rows = new List<string[]> { Headings };
        rows.AddRange(report.Workers.Select(w => new[]
        {
            Number(w.Pid),
            Number(w.Slot),
            StatusFormat.State(w.State),
            StatusFormat.Age(w.Age),
            Number(w.RequestsServed),
            Number(w.RequestsInFlight),
            StatusFormat.Memory(w.ResidentBytes),
        }));
        var widths = Enumerable.Range(0, Headings.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();

        var text = new StringBuilder();
        text.Append(ControlMessages.StatusHeader(report.MasterPid, report.Workers.Count)).Append('\n');
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => RightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
