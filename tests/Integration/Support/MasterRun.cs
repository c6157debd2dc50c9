using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Integration.Support;

/// <summary>
/// A real <c>supervisor run</c> in a temp folder, with its output collected line by line. Disposing stops the
/// master (TERM, then a kill) and every worker it reported, even when the test failed, and removes the folder.
/// </summary>
public sealed class MasterRun : IAsyncDisposable
{
    private readonly OwnedProcess _process;

    private MasterRun(OwnedProcess process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines => _process.Lines;

    public string Output => _process.Output;

    /// <summary>Every worker pid the master logged as booting.</summary>
    public IReadOnlyList<int> WorkerPids => _process.WorkerPids;

    public IEnumerable<int> LiveWorkerPids => WorkerPids.Where(ProcessProbe.IsAlive);

    /// <summary>The folder where the master keeps its scoreboard, one file per worker (tmpfs when there is one).</summary>
    public string ScoreboardPath => ScoreboardPathOf(Pid);

    /// <summary>Writes gunicorn.toml (with app = the built SampleApp unless the text sets it) and starts the master.</summary>
    public static MasterRun Start(string toml, params string[] extraArgs) => Start(toml, null, extraArgs);

    /// <param name="configure">Changes to the start, such as an inherited descriptor's environment.</param>
    public static MasterRun Start(string toml, Action<ProcessStartInfo>? configure, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-it-").FullName;
        var app = toml.Contains("app =", StringComparison.Ordinal) ? "" : $"app = \"{Binaries.SampleApp}\"\n";
        File.WriteAllText(Path.Combine(folder, "gunicorn.toml"), app + toml);
        var process = OwnedProcess.Start(Binaries.Supervisor, ["run", "-c", "gunicorn.toml", .. extraArgs],
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, folder, configure);
        return new MasterRun(process, folder);
    }

    public async Task<string> WaitForLineAsync(string pattern, TimeSpan? timeout = null)
    {
        var regex = new Regex(pattern);
        string? found = null;
        await Wait.UntilAsync(() => (found = Lines.FirstOrDefault(regex.IsMatch)) is not null,
            timeout ?? TimeSpan.FromSeconds(30), $"a line matching /{pattern}/ in:\n{Output}");
        return found!;
    }

    public int CountLines(string pattern) => Lines.Count(new Regex(pattern).IsMatch);

    /// <summary>
    /// Waits until exactly this many workers live, none of them among <paramref name="notAmong"/>, and every live one
    /// has said it is ready (the master logs that at debug level).
    /// </summary>
    public Task WaitForReadyWorkersAsync(int count, IReadOnlyCollection<int>? notAmong = null) =>
        Wait.UntilAsync(() =>
        {
            var live = LiveWorkerPids.ToList();
            return live.Count == count && (notAmong is null || !live.Intersect(notAmong).Any())
                && CountLines(@"Worker \(pid:\d+\) is ready") >= WorkerPids.Count(ProcessProbe.IsAlive);
        }, TimeSpan.FromSeconds(60), $"{count} ready workers:\n{Output}");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        // Not Process.WaitForExitAsync: it also waits for the end of the output, which a master started by
        // USR2 keeps open after this one exits.
        await Wait.UntilAsync(() => HasExited, timeout, $"the master to exit:\n{Output}");

        // The last lines may still be in the pipe. A master that exits by itself always ends with
        // "Shutting down: Master" (and its reason after it); give the reader a moment to get there.
        try
        {
            await Wait.UntilAsync(() => Lines.Any(l => l.Contains("Shutting down: Master", StringComparison.Ordinal)), TimeSpan.FromSeconds(3), "the master's last lines");
            await Task.Delay(50);
        }
        catch (TimeoutException)
        {
            // Killed, or it never got that far: what was read is all there is.
        }

        return ExitCode;
    }

    public void Signal(int signal) => _process.Signal(signal);

    internal static string ScoreboardPathOf(int pid) =>
        Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"supervisor-{pid}");

    /// <summary>The slot file of the worker in this slot.</summary>
    public string SlotFile(int slot) => Path.Combine(ScoreboardPath, $"slot-{slot}");

    /// <summary>Every slot as the master's scoreboard shows it now, read as the master reads it (pread).</summary>
    internal IEnumerable<(int Slot, Supervisor.Worker.Protocol.SlotSnapshot Snapshot)> Slots()
    {
        var slots = new List<(int, Supervisor.Worker.Protocol.SlotSnapshot)>();
        foreach (var file in Directory.Exists(ScoreboardPath) ? Directory.GetFiles(ScoreboardPath, "slot-*") : [])
        {
            try
            {
                using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var slot = int.Parse(Path.GetFileName(file)["slot-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                slots.Add((slot, Supervisor.Worker.Protocol.ScoreboardFile.Read(handle, file, slot)));
            }
            catch (FileNotFoundException)
            {
                // Its worker left and the master replaced it between the listing and now.
            }
        }

        return slots;
    }

    /// <summary>Requests in flight across all workers, read from the scoreboard.</summary>
    public long RequestsInFlight() =>
        Slots().Select(s => s.Snapshot).Where(s => WorkerPids.Contains(s.Pid) && ProcessProbe.IsAlive(s.Pid)).Sum(s => s.RequestsInFlight);

    /// <summary>Requests served by the live workers, read from the scoreboard.</summary>
    public long RequestsServed() =>
        Slots().Select(s => s.Snapshot).Where(s => WorkerPids.Contains(s.Pid) && ProcessProbe.IsAlive(s.Pid)).Sum(s => s.RequestsServed);

    public async ValueTask DisposeAsync()
    {
        // TERM first, so the master removes its pidfile, sockets and scoreboard as a user would see it do.
        var pid = Pid;
        await _process.DisposeAsync();

        // A killed master leaves its scoreboard behind; the test's own files go with the folder.
        if (Directory.Exists(ScoreboardPathOf(pid)))
        {
            Directory.Delete(ScoreboardPathOf(pid), recursive: true);
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A unix socket or log a killed process left behind; temp is cleaned eventually.
        }
    }
}
