using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Support;

/// <summary>
/// A real <c>supervisor run -D</c> in a temp folder. The master it leaves running is no child of the test:
/// disposing stops every master that logged (TERM, then a kill) and kills every worker they reported, on the
/// terminal or in an error log in the folder, even when the test failed, and removes the folder.
/// </summary>
public sealed partial class DaemonRun : IAsyncDisposable
{
    private readonly OwnedProcess _process;
    private readonly TempFolder _folder;

    private DaemonRun(OwnedProcess process, TempFolder folder)
    {
        _process = process;
        _folder = folder;
    }

    public string Folder => _folder.Path;

    public string Output => _process.Output;

    /// <summary>The pid of <c>run -D</c> itself, in the foreground.</summary>
    public int Pid => _process.Pid;

    /// <summary>The master's pid, from the first line it logged while run -D showed its log; null before that.</summary>
    public int? MasterPid => Pids(_process.Lines, StartingLine()).Cast<int?>().FirstOrDefault();

    /// <summary>Every worker pid the master logged as booting while run -D showed its log.</summary>
    public IReadOnlyList<int> WorkerPids => _process.WorkerPids;

    /// <summary>Writes gunicorn.toml (with app = the built SampleApp unless the text sets it) and starts run -D in that folder.</summary>
    public static DaemonRun Start(string toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = new TempFolder();
        var app = toml.Contains("app =", StringComparison.Ordinal) ? "" : $"app = \"{Binaries.SampleApp}\"\n";
        File.WriteAllText(Path.Combine(folder.Path, "gunicorn.toml"), app + toml);
        var variables = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return new DaemonRun(OwnedProcess.Start(Binaries.Supervisor, ["run", "-c", "gunicorn.toml", "-D"], variables, folder.Path), folder);
    }

    /// <summary>Waits for run -D to return, and for the end of its output, which no process it started may hold.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Wait.UntilAsync(() => _process.HasExited, timeout, $"run -D to return:\n{Output}");
        await Wait.UntilAsync(() => _process.OutputEnded, TimeSpan.FromSeconds(10), $"the end of run -D's output, which a process it started still holds:\n{Output}");
        return _process.ExitCode;
    }

    /// <summary>The error log files in the folder, where a detached master and its workers log.</summary>
    public string ErrorLogs() => string.Join('\n', Directory.GetFiles(Folder, "*.log").Select(ReadShared));

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();

        // Every master that logged here (a new master of a binary upgrade too) and every worker, from what run -D
        // showed and from the error logs.
        var lines = _process.Lines.Concat(ErrorLogs().Split('\n')).ToList();
        foreach (var master in Pids(lines, StartingLine()).Distinct().Where(ProcessProbe.IsAlive))
        {
            ProcessProbe.Signal(master, 15);
            try
            {
                await Wait.UntilAsync(() => !ProcessProbe.IsAlive(master), TimeSpan.FromSeconds(15), "the detached master to stop");
            }
            catch (TimeoutException)
            {
                ProcessProbe.Signal(master, 9);
            }
        }

        foreach (var pid in Pids(lines, BootingWorker()).Distinct().Where(ProcessProbe.IsAlive))
        {
            ProcessProbe.Signal(pid, 9);
        }

        _folder.Dispose();
    }

    private static IEnumerable<int> Pids(IEnumerable<string> lines, Regex pattern) =>
        lines.Select(l => pattern.Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [GeneratedRegex(@"^\[[^\]]+\] \[(\d+)\] \[INFO\] Starting supervisor")]
    private static partial Regex StartingLine();

    [GeneratedRegex(@"Booting worker with pid: (\d+)")]
    private static partial Regex BootingWorker();
}
