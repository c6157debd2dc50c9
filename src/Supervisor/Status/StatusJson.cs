using System.Text.Json;

namespace Supervisor.Status;

/// <summary><c>supervisor status --json</c>: the same as the table, as one JSON object.</summary>
internal static class StatusJson
{
    public static string Render(StatusReport report)
    {
        var document = new StatusDocument(report.MasterPid, report.Workers
            .Select(w => new WorkerDocument(
                w.Pid, w.Slot, StatusFormat.State(w.State), w.Generation, (long?)w.Age?.TotalSeconds,
                w.RequestsServed, w.RequestsInFlight, w.ResidentBytes))
            .ToList());
        return JsonSerializer.Serialize(document, StatusJsonContext.Default.StatusDocument) + "\n";
    }
}
