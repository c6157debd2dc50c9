using System.Text.Encodings.Web;
using System.Text.Json;

namespace Supervisor.Status;

/// <summary><c>supervisor status --json</c>: the same as the table, as one JSON object.</summary>
internal static class StatusJson
{
    // Read by people and scripts, never embedded in HTML: a query's '&' stays '&' rather than \u0026.
    private static readonly StatusJsonContext Context = new(new JsonSerializerOptions(StatusJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <param name="full">Adds each worker's oldest in-flight request (<c>--full</c>, <c>/status?full</c>).</param>
    public static string Render(StatusReport report, bool full = false)
    {
        var document = new StatusDocument(report.MasterPid, report.Workers
            .Select(w => new WorkerDocument(
                w.Pid, w.Slot, StatusFormat.State(w.State), w.Generation, (long?)w.Age?.TotalSeconds,
                w.RequestsServed, w.RequestsInFlight, w.ResidentBytes, full ? Document(w.Oldest) : null))
            .ToList());
        return JsonSerializer.Serialize(document, Context.StatusDocument) + "\n";
    }

    private static OldestRequestDocument? Document(OldestRequest? oldest) => oldest is null
        ? null
        : new OldestRequestDocument(oldest.Method, oldest.Path, oldest.Query, oldest.Client, Math.Round(oldest.RunningFor.TotalSeconds, 3));
}
