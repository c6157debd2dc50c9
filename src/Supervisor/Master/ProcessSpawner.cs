using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Supervisor.Configuration;
using Supervisor.Worker.Contract;

namespace Supervisor.Master;

/// <summary>
/// Starts workers running <c>app</c>, each inheriting every listener by descriptor number and told the
/// contract through its environment.
/// </summary>
internal sealed class ProcessSpawner : IWorkerSpawner
{
    private readonly SupervisorConfig _config;
    private readonly string _listenFds;
    private readonly string _scoreboardPath;

    public ProcessSpawner(SupervisorConfig config, IReadOnlyList<Listener> listeners, string scoreboardPath)
    {
        _config = config;
        _listenFds = string.Join(',', listeners.Select(l => l.FdText));
        _scoreboardPath = scoreboardPath;
    }

    public IWorkerProcess Spawn(WorkerSpec spec)
    {
        var info = new ProcessStartInfo(_config.App[0]) { UseShellExecute = false };
        foreach (var argument in _config.App.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Contract(spec))
        {
            info.Environment[name] = value;
        }

        if (_config.User is not null)
        {
            info.UserName = _config.User;
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
            throw new HaltException($"App failed to load: cannot start {_config.App[0]}: {reason}. Check app in {_config.ConfigFile ?? "the configuration"}.", ExitCodes.AppLoadError);
        }
    }

    private Dictionary<string, string> Contract(WorkerSpec spec)
    {
        static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            [ContractVariables.ListenFds] = _listenFds,
            [ContractVariables.Scoreboard] = _scoreboardPath,
            [ContractVariables.Slot] = Text(spec.Slot),
            [ContractVariables.Generation] = Text(spec.Generation),
            [ContractVariables.MasterPid] = Text(Environment.ProcessId),
            [ContractVariables.MaxRequests] = Text(spec.Quota),
            [ContractVariables.KeepAlive] = Text(_config.KeepAlive),
            [ContractVariables.GracefulTimeout] = Text(_config.GracefulTimeout),
            [ContractVariables.Backlog] = Text(_config.Backlog),
            [ContractVariables.LimitRequestLine] = Text(_config.LimitRequestLine),
            [ContractVariables.LimitRequestFields] = Text(_config.LimitRequestFields),
            [ContractVariables.LimitRequestFieldSize] = Text(_config.LimitRequestFieldSize),
            [ContractVariables.LogLevel] = _config.LogLevel.ToString().ToLowerInvariant(),
            [ContractVariables.LogFormat] = _config.LogFormat.ToString().ToLowerInvariant(),
            [ContractVariables.ErrorLog] = _config.ErrorLog,
            [ContractVariables.AccessLog] = _config.AccessLog ?? "",
            [ContractVariables.AccessLogFormat] = _config.AccessLogFormat,
        };
    }
}
