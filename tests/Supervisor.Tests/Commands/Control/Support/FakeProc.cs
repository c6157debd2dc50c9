using System.Globalization;
using Supervisor.Platform;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands.Control.Support;

/// <summary>A /proc of the test's own making: uptime, and stat and status files for the pids it is told about.</summary>
internal sealed class FakeProc : IDisposable
{
    public const long TicksPerSecond = 100;

    private readonly TempDirectory _root = new();

    public FakeProc(double uptimeSeconds = 1000)
    {
        _root.Write("uptime", string.Create(CultureInfo.InvariantCulture, $"{uptimeSeconds:0.00} 4000.00\n"));
        UptimeSeconds = uptimeSeconds;
        Proc = new ProcFs(_root.Path, TicksPerSecond);
    }

    public double UptimeSeconds { get; }

    public ProcFs Proc { get; }

    public string Root => _root.Path;

    /// <summary>A process that started <paramref name="age"/> ago, in <paramref name="state"/>, with this VmRSS.</summary>
    public void Add(int pid, TimeSpan age, long rssKib, char state = 'S')
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.Path, pid.ToString(CultureInfo.InvariantCulture))).FullName;
        var startTicks = (long)Math.Round((UptimeSeconds - age.TotalSeconds) * TicksPerSecond);
        // comm with spaces and parentheses, as a process may name itself.
        var afterComm = new[] { state.ToString() }.Concat(Enumerable.Repeat("0", 18)).Append(startTicks.ToString(CultureInfo.InvariantCulture)).Append("0").Append("0");
        File.WriteAllText(Path.Combine(folder, "stat"), $"{pid} (my (odd) app) {string.Join(' ', afterComm)}\n");
        File.WriteAllText(Path.Combine(folder, "status"), $"Name:\tmy app\nState:\t{state} (sleeping)\nVmPeak:\t  999 kB\nVmRSS:\t   {rssKib} kB\nThreads:\t4\n");
    }

    public void Dispose() => _root.Dispose();
}
