using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// Starts workers running <c>app</c>, each inheriting every listener and the wake pipe's write end by descriptor
/// number and told the contract through its environment.
/// </summary>
internal sealed class ProcessSpawner : IWorkerSpawner
{
    private readonly SlotFiles _slots;
    private readonly int _wakeFd;

    /// <param name="slots">Gives each worker a fresh scoreboard file of its own.</param>
    /// <param name="wakeFd">The wake pipe's write end, inheritable (<see cref="WakePipe.WriteFd"/>).</param>
    public ProcessSpawner(SlotFiles slots, int wakeFd)
    {
        _slots = slots;
        _wakeFd = wakeFd;
    }

    public IWorkerProcess Spawn(WorkerSpec spec)
    {
        var config = spec.Config;
        var info = new ProcessStartInfo(config.App[0]) { UseShellExecute = false, WorkingDirectory = config.Chdir ?? "" };
        foreach (var argument in config.App.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // A master started by a binary upgrade carries the handover in its environment; workers have no use for it.
        info.Environment.Remove(UpgradeVariables.Listeners);
        info.Environment.Remove(UpgradeVariables.ParentMaster);

        // systemd talks to the master alone: a worker that notified it (an app using UseSystemd) would be taken for it.
        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES" })
        {
            info.Environment.Remove(name);
        }
        foreach (var (name, value) in Contract(spec))
        {
            info.Environment[name] = value;
        }

        WorkerRuntimeDefaults.Apply(info.Environment);

        if (config.User is not null)
        {
            info.UserName = config.User;
        }

        try
        {
            return new WorkerProcess(Process.Start(info)!);
        }
        catch (Win32Exception e)
        {
            var reason = e.NativeErrorCode switch
            {
                2 => "no such file",
                13 => "permission denied (is it executable?)",
                _ => e.Message,
            };
            throw new HaltException($"App failed to load: cannot start {config.App[0]}: {reason}. Check app in {config.ConfigFile ?? "the configuration"}.", ExitCodes.AppLoadError);
        }
    }

    private Dictionary<string, string> Contract(WorkerSpec spec)
    {
        var config = spec.Config;
        static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            [ContractVariables.ListenFds] = string.Join(',', spec.ListenFds.Select(fd => Text(fd))),
            [ContractVariables.Scoreboard] = _slots.Prepare(spec.Slot, config.WorkerOwner),
            [ContractVariables.Slot] = Text(spec.Slot),
            [ContractVariables.Generation] = Text(spec.Generation),
            [ContractVariables.MasterPid] = Text(Environment.ProcessId),
            [ContractVariables.MaxRequests] = Text(spec.Quota),
            [ContractVariables.KeepAlive] = Text(config.KeepAlive),
            [ContractVariables.GracefulTimeout] = Text(config.GracefulTimeout),
            [ContractVariables.Backlog] = Text(config.Backlog),
            [ContractVariables.LimitRequestLine] = Text(config.LimitRequestLine),
            [ContractVariables.LimitRequestFields] = Text(config.LimitRequestFields),
            [ContractVariables.LimitRequestFieldSize] = Text(config.LimitRequestFieldSize),
            [ContractVariables.LogLevel] = config.LogLevel.ToString().ToLowerInvariant(),
            [ContractVariables.LogFormat] = config.LogFormat.ToString().ToLowerInvariant(),
            [ContractVariables.ErrorLog] = config.ErrorLog,
            [ContractVariables.AccessLog] = config.AccessLog ?? "",
            [ContractVariables.AccessLogFormat] = config.AccessLogFormat,
            [ContractVariables.WakeFd] = Text(_wakeFd),
        };
    }
}
