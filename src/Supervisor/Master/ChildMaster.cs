using System.Diagnostics;
using System.Globalization;
using Serilog;

namespace Supervisor.Master;

/// <summary>
/// The binary upgrade (USR2): a new master started from the same executable, arguments and folder, given this
/// master's sockets. Both serve until the operator stops the old one.
/// </summary>
internal sealed class ChildMaster
{
    private readonly ILogger _log;
    private readonly string _workingDirectory;
    private readonly IReadOnlyList<string> _commandLine;
    private Process? _child;

    public ChildMaster(ILogger log)
    {
        _log = log;
        _workingDirectory = Environment.CurrentDirectory;
        _commandLine = ReadCommandLine();
    }

    public bool IsRunning => _child is { HasExited: false };

    public void Start(string listeners)
    {
        if (IsRunning)
        {
            _log.Warning(MasterMessages.ChildMasterRefused);
            return;
        }

        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, WorkingDirectory = _workingDirectory };
        foreach (var argument in _commandLine.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[UpgradeVariables.Listeners] = listeners;
        info.Environment[UpgradeVariables.ParentMaster] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var child = Process.Start(info)!;
        _child = child;
        _log.Information(MasterMessages.ChildMasterStarted, child.Id);
        child.WaitForExitAsync().ContinueWith(_ => _log.Information(MasterMessages.ChildMasterExited, child.Id, child.ExitCode), TaskScheduler.Default);
    }

    /// <summary>The exact argv this process was started with (the runtime's own view drops the host's arguments).</summary>
    private static string[] ReadCommandLine()
    {
        var raw = File.ReadAllText("/proc/self/cmdline");
        return raw.TrimEnd('\0').Split('\0');
    }
}
