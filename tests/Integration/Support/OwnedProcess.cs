using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Support;

/// <summary>
/// A process a test starts (a script, nginx), with its output collected line by line. Disposing asks it
/// to stop with TERM, then kills its whole tree and any supervisor worker it logged, even when the test
/// failed.
/// </summary>
public sealed partial class OwnedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly HashSet<int> _workerPids = [];
    private int _streamsEnded;

    private OwnedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Both stdout and stderr reached their end: no process, this one or one it started, holds them open.</summary>
    public bool OutputEnded => Volatile.Read(ref _streamsEnded) == 2;

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

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

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

    /// <param name="configure">Last changes to the start, after the environment is set (an inherited descriptor, say).</param>
    public static OwnedProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, Action<ProcessStartInfo>? configure = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // What the test runner happens to have must not leak into the run under test.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("DATABASE_", StringComparison.Ordinal) || k.StartsWith("SUPERVISOR_", StringComparison.Ordinal)
            || k is "STATIC_ROOT" or "WEB_CONCURRENCY" or "PORT" or "ASPNETCORE_URLS" or "FORWARDED_ALLOW_IPS").ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        configure?.Invoke(info);
        return new OwnedProcess(Process.Start(info)!);
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Wait.UntilAsync(() => Output.Contains(text, StringComparison.Ordinal), timeout, $"'{text}' in the output:\n{Output}");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Wait.UntilAsync(() => _process.HasExited, timeout, $"the process to exit:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Signal(int signal) => ProcessProbe.Signal(Pid, signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(15);
            try
            {
                await Wait.UntilAsync(() => _process.HasExited, TimeSpan.FromSeconds(10), "the process to stop");
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await Wait.UntilAsync(() => _process.HasExited, TimeSpan.FromSeconds(10), "the process to die");
            }
        }

        foreach (var pid in WorkerPids.Where(ProcessProbe.IsAlive))
        {
            ProcessProbe.Signal(pid, 9);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            Interlocked.Increment(ref _streamsEnded);
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
