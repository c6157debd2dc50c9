using System.Diagnostics;
using System.Text;

namespace TestSupport;

/// <summary>
/// A child process started with its standard output and error collected, so a failing test can show what it said;
/// killed with its children on Dispose.
/// </summary>
public sealed class CapturedProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    public CapturedProcess(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        Process = new Process { StartInfo = info };
        Process.OutputDataReceived += (_, e) => Append(e.Data);
        Process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            Process.Start();
        }
        catch
        {
            Process.Dispose();
            throw;
        }

        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Everything it wrote to standard output and error so far, line by line.</summary>
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

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
