using Serilog;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// Tells 'supervisor reload' what became of each HUP: the outcome goes to <c>PIDFILE.reload</c>, replaced
/// atomically (the client never reads half a file), and is removed at exit. Without a pidfile no client can
/// find the master, so nothing is written.
/// </summary>
internal sealed class ReloadReport : IDisposable
{
    private readonly PidFile? _pidFile;
    private readonly ILogger _log;
    private long _sequence;
    private string? _written;

    public ReloadReport(PidFile? pidFile, ILogger log)
    {
        _pidFile = pidFile;
        _log = log;
    }

    public void Write(bool accepted, IReadOnlyList<string> reasons)
    {
        if (_pidFile is null)
        {
            return;
        }

        // Beside the pidfile as it is named now: pidfile.2 becomes pidfile when a binary upgrade completes.
        var path = ReloadOutcome.PathFor(_pidFile.Path);
        var outcome = new ReloadOutcome(Environment.ProcessId, ++_sequence, accepted, reasons);
        try
        {
            SafeFiles.Replace(path, outcome.Render(), SafeFiles.PublicMode).Dispose();
            _written = path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning(MasterMessages.ReloadReportFailed, path, e.Message);
        }
    }

    public void Dispose()
    {
        // Only our own: a newer master may have written its answers there since.
        if (_written is { } path && ReloadOutcome.Read(path)?.Pid == Environment.ProcessId)
        {
            File.Delete(path);
        }
    }
}
