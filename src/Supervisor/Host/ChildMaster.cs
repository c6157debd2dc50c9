using System.Diagnostics;
using System.Globalization;
using Serilog;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// The binary upgrade (USR2): a new master started from the same executable, arguments and folder, given this
/// master's sockets. Both serve until the operator stops the old one.
/// </summary>
internal sealed class ChildMaster
{
    private readonly ILogger _log;
    private readonly string _workingDirectory;
    private readonly IReadOnlyList<string> _commandLine;
    private readonly int _wakeFd;
    private Process? _child;

    /// <param name="wakeFd">This master's wake pipe write end, inheritable for its workers.</param>
    public ChildMaster(ILogger log, int wakeFd)
    {
        _log = log;
        _wakeFd = wakeFd;
        _workingDirectory = Environment.CurrentDirectory;
        _commandLine = OwnCommandLine.Read();
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
        var child = StartWithoutWakePipe(info);
        _child = child;
        _log.Information(MasterMessages.ChildMasterStarted, child.Id);
        child.WaitForExitAsync().ContinueWith(_ => _log.Information(MasterMessages.ChildMasterExited, child.Id, child.ExitCode), TaskScheduler.Default);
    }

    /// <summary>
    /// The new master makes a wake pipe of its own, and its workers wake it; this master's write end would only
    /// linger, unused, in it and every worker it starts, one more with each upgrade. Workers are started on this
    /// same thread (the arbiter's), so none misses the write end while it is hidden.
    /// </summary>
    private Process StartWithoutWakePipe(ProcessStartInfo info)
    {
        Libc.SetCloseOnExec(_wakeFd);
        try
        {
            return Process.Start(info)!;
        }
        finally
        {
            Libc.ClearCloseOnExec(_wakeFd);
        }
    }
}
