using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Support;

/// <summary>
/// A real <c>supervisor run</c> in a temp folder, with its output collected line by line. Disposing kills the
/// master and every worker it reported, even when the test failed, and removes the folder.
/// </summary>
public sealed partial class MasterRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly HashSet<int> _workerPids = [];

    private MasterRun(Process process, string folder)
    {
        _process = process;
        Folder = folder;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Folder { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Every worker pid the master logged as booting.</summary>
    public IReadOnlyList<int> WorkerPids
    {
        get
        {
            lock (_lines)
            {
                return _workerPids.ToList();
            }
        }
    }

    public IEnumerable<int> LiveWorkerPids => WorkerPids.Where(ProcessProbe.IsAlive);

    /// <summary>Writes gunicorn.toml (with app = the built SampleApp unless the text sets it) and starts the master.</summary>
    public static MasterRun Start(string toml, params string[] extraArgs) => Start(toml, null, extraArgs);

    /// <param name="configure">Changes to the start, such as an inherited descriptor's environment.</param>
    public static MasterRun Start(string toml, Action<ProcessStartInfo>? configure, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-it-").FullName;
        var app = toml.Contains("app =", StringComparison.Ordinal) ? "" : $"app = \"{Binaries.SampleApp}\"\n";
        File.WriteAllText(Path.Combine(folder, "gunicorn.toml"), app + toml);
        var info = new ProcessStartInfo(Binaries.Supervisor)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "-c", "gunicorn.toml" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "SUPERVISOR_CMD_ARGS", "WEB_CONCURRENCY", "PORT", "ASPNETCORE_URLS" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        configure?.Invoke(info);
        return new MasterRun(Process.Start(info)!, folder);
    }

    public async Task<string> WaitForLineAsync(string pattern, TimeSpan? timeout = null)
    {
        var regex = new Regex(pattern);
        string? found = null;
        await Wait.UntilAsync(() => (found = Lines.FirstOrDefault(regex.IsMatch)) is not null || HasExited && (found = Lines.FirstOrDefault(regex.IsMatch)) is not null,
            timeout ?? TimeSpan.FromSeconds(30), $"a line matching /{pattern}/ in:\n{Output}");
        return found!;
    }

    public int CountLines(string pattern) => Lines.Count(new Regex(pattern).IsMatch);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        // Not Process.WaitForExitAsync: it also waits for the end of the output, which a master started by
        // USR2 keeps open after this one exits.
        await Wait.UntilAsync(() => _process.HasExited, timeout, $"the master to exit:\n{Output}");

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

        return _process.ExitCode;
    }

    public void Signal(int signal) => ProcessProbe.Signal(Pid, signal);

    /// <summary>The master's scoreboard, as its workers report through it.</summary>
    internal Supervisor.Worker.Scoreboard.Scoreboard OpenScoreboard() =>
        Supervisor.Worker.Scoreboard.Scoreboard.Open(ScoreboardPath);

    /// <summary>Where the master keeps its scoreboard (tmpfs when there is one), as the master computes it.</summary>
    public string ScoreboardPath => Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"supervisor-{Pid}.scoreboard");

    /// <summary>Requests in flight across all workers, read from the scoreboard.</summary>
    public long RequestsInFlight()
    {
        using var scoreboard = OpenScoreboard();
        return Enumerable.Range(0, scoreboard.SlotCount).Select(scoreboard.ReadSlot)
            .Where(s => WorkerPids.Contains(s.Pid) && ProcessProbe.IsAlive(s.Pid)).Sum(s => s.RequestsInFlight);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Asked first, so the master removes its pidfile, sockets and scoreboard as a user would see it do.
            Signal(15);
            try
            {
                await Wait.UntilAsync(() => _process.HasExited, TimeSpan.FromSeconds(5), "the master to stop");
            }
            catch (TimeoutException)
            {
                // Killed below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await Wait.UntilAsync(() => _process.HasExited, TimeSpan.FromSeconds(10), "the master to die");
        }

        // A killed master leaves its scoreboard behind; the test's own files go with the folder.
        File.Delete(ScoreboardPath);

        foreach (var pid in WorkerPids.Where(ProcessProbe.IsAlive))
        {
            ProcessProbe.Signal(pid, 9);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A unix socket or log a killed process left behind; temp is cleaned eventually.
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            if (BootingWorker().Match(line) is { Success: true } match)
            {
                _workerPids.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"Booting worker with pid: (\d+)")]
    private static partial Regex BootingWorker();
}
