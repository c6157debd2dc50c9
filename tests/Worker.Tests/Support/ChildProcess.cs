using System.Diagnostics;
using System.Text;

namespace Worker.Tests.Support;

/// <summary>
/// A process started by a test: output captured for failure messages, killed on Dispose even when
/// the test fails. Starts go through one lock so an inheritable descriptor of one test never leaks
/// into a process started by another test running in parallel.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly Lock StartLock = new();
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public int Pid => Process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="inheritFds">Descriptors the child must inherit; close-on-exec is cleared only while the child starts.</param>
    public static ChildProcess Start(ProcessStartInfo info, params int[] inheritFds)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        lock (StartLock)
        {
            foreach (var fd in inheritFds)
            {
                CloseOnExec.Set(fd, on: false);
            }

            try
            {
                var process = new Process { StartInfo = info };
                var child = new ChildProcess(process);
                process.OutputDataReceived += (_, e) => child.Append(e.Data);
                process.ErrorDataReceived += (_, e) => child.Append(e.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                return child;
            }
            finally
            {
                foreach (var fd in inheritFds)
                {
                    CloseOnExec.Set(fd, on: true);
                }
            }
        }
    }

    public void Signal(int signal)
    {
        if (Native.Kill(Pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Pid}, {signal}) failed");
        }
    }

    /// <summary>Waits for the exit and returns the exit code; throws with the output on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {Pid} did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        return Process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
