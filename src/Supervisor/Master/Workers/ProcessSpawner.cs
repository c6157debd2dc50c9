using System.ComponentModel;
using System.Diagnostics;
using Serilog;
using Serilog.Events;
using Supervisor.Configuration.Catalogue;
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
    private readonly string _hookFolder;
    private readonly ILogger? _log;

    /// <param name="slots">Gives each worker a fresh scoreboard file of its own.</param>
    /// <param name="wakeFd">The wake pipe's write end, inheritable (<see cref="WakePipe.WriteFd"/>).</param>
    /// <param name="hookFolder">What is injected into an unmodified app; null for inject/ beside the executable.</param>
    /// <param name="log">The error log, for the output of workers when capture_output is on.</param>
    public ProcessSpawner(SlotFiles slots, int wakeFd, string? hookFolder = null, ILogger? log = null)
    {
        _slots = slots;
        _wakeFd = wakeFd;
        _hookFolder = hookFolder ?? AppInjection.DefaultHookFolder();
        _log = log;
    }

    public IWorkerProcess Spawn(WorkerSpec spec)
    {
        var config = spec.Config;
        var info = new ProcessStartInfo(config.Get(Settings.App)[0]) { UseShellExecute = false, WorkingDirectory = config.Get(Settings.Chdir) ?? "" };
        foreach (var argument in config.Get(Settings.App).Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // A binary upgrade's handover and systemd's variables are the master's alone.
        MasterOnlyVariables.RemoveFrom(info.Environment);

        // raw_env over the master's environment; the contract over both (raw_env cannot name its variables).
        foreach (var (name, value) in config.Get(Settings.RawEnv))
        {
            info.Environment[name] = value;
        }

        foreach (var (name, value) in Contract(spec).ToEnvironment())
        {
            info.Environment[name] = value;
        }

        WorkerRuntimeDefaults.Apply(info.Environment);
        if (AppInjection.HookFor(config, _hookFolder) is { } hook)
        {
            AppInjection.Apply(info.Environment, hook);
        }

        if (config.Get(Settings.User) is { } user)
        {
            info.UserName = user.Name;
        }

        // As Gunicorn: output is captured into the error log file; with errorlog "-" it is on stderr already.
        var capture = _log is not null && config.Get(Settings.CaptureOutput) && config.Get(Settings.ErrorLog) != "-";
        info.RedirectStandardOutput = capture;
        info.RedirectStandardError = capture;
        try
        {
            var process = Process.Start(info)!;
            if (capture)
            {
                OutputCapture.Start(process.StandardOutput.BaseStream, process.Id, _log!, LogEventLevel.Information);
                OutputCapture.Start(process.StandardError.BaseStream, process.Id, _log!, LogEventLevel.Error);
            }

            return new WorkerProcess(process);
        }
        catch (Win32Exception e)
        {
            var reason = e.NativeErrorCode switch
            {
                2 => "no such file",
                13 => "permission denied (is it executable?)",
                _ => e.Message,
            };
            throw new HaltException($"App failed to load: cannot start {config.Get(Settings.App)[0]}: {reason}. Check app in {config.ConfigFile ?? "the configuration"}.", ExitCodes.AppLoadError);
        }
    }

    /// <summary>
    /// What this worker is told: its place (sockets, slot, generation, quota), then every setting whose catalogue
    /// entry says how it reaches workers.
    /// </summary>
    private WorkerContract Contract(WorkerSpec spec)
    {
        var config = spec.Config;
        var contract = new WorkerContract
        {
            ListenFds = spec.ListenFds,
            ScoreboardPath = _slots.Prepare(spec.Slot, config.WorkerOwner),
            Slot = spec.Slot,
            Generation = spec.Generation,
            MasterPid = Environment.ProcessId,
            MaxRequests = spec.Quota,
            WakeFd = _wakeFd,
        };
        return Settings.All.Aggregate(contract, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting)));
    }
}
