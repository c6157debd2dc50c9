using System.Globalization;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>
/// Workers that run as another user (<c>user = "nobody"</c>) writing log files in a folder only root may write:
/// the master prepares the files for them, at start and again on USR1.
/// </summary>
public sealed partial class WorkerLogFilesTests : IDisposable
{
    private const uint Nobody = 65534;

    private readonly string _logs = Directory.CreateTempSubdirectory("supervisor-logs-").FullName;

    public WorkerLogFilesTests()
    {
        // Root's, rwxr-xr-x: nobody may enter it, not create files in it.
        File.SetUnixFileMode(_logs, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    private string ErrorLog => Path.Combine(_logs, "error.log");

    private string AccessLog => Path.Combine(_logs, "access.log");

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    /// <summary>The pids that wrote lines in a Gunicorn-style error log.</summary>
    private static HashSet<int> Writers(string path) =>
        LinePid().Matches(Read(path)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    [Fact]
    public async Task WorkersRunningAsNobodyLogToRootsFolderAndUsr1StartsNewFilesForEveryone()
    {
        Assert.Equal(0, ProcessProbe.StatusNumber(Environment.ProcessId, "Uid") ?? -1);
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nuser = \"nobody\"\ngroup = \"nogroup\"\nloglevel = \"debug\"\nerrorlog = \"{ErrorLog}\"\naccesslog = \"{AccessLog}\"\n");
        await Wait.UntilAsync(() => Regex.Count(Read(ErrorLog), @"Worker \(pid:\d+\) is ready") >= 2, TimeSpan.FromSeconds(60),
            $"2 ready workers in {ErrorLog}:\n{Read(ErrorLog)}\n{master.Output}");

        var (worker, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");
        await Wait.UntilAsync(() => Read(AccessLog).Contains("GET /api/worker", StringComparison.Ordinal), TimeSpan.FromSeconds(20), $"the request in {AccessLog}");
        Assert.Equal(Nobody, ProcessProbe.StatusNumber(worker, "Uid") is { } uid ? (uint)uid : 0);
        Assert.Equal(Nobody, Owner(AccessLog));
        Assert.Equal(Nobody, Owner(ErrorLog));

        // As logrotate does: move the files, then USR1 to the master, which tells every worker.
        File.Move(ErrorLog, ErrorLog + ".1");
        File.Move(AccessLog, AccessLog + ".1");
        master.Signal(10);
        await Wait.UntilAsync(async () =>
        {
            await Http.GetStringAsync($"http://127.0.0.1:{port}/");
            return Read(AccessLog).Contains("GET / ", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), $"a request in the new {AccessLog}:\n{Read(ErrorLog + ".1")}");

        // A second USR1 is logged by the master in the new file; the workers' debug lines of requests go there too.
        master.Signal(10);
        await Wait.UntilAsync(() => Writers(ErrorLog).Contains(master.Pid), TimeSpan.FromSeconds(20), $"a line of the master in the new {ErrorLog}:\n{Read(ErrorLog)}");
        Assert.Contains(Writers(ErrorLog), pid => pid != master.Pid);
        Assert.Equal(Nobody, Owner(AccessLog));
        Assert.Equal(Nobody, Owner(ErrorLog));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(_logs));
        Assert.False(master.HasExited, master.Output);
    }

    private static uint Owner(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return uint.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\[[^\]]+\] \[(\d+)\] ", RegexOptions.Multiline)]
    private static partial Regex LinePid();
}
