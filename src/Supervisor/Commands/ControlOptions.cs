using System.CommandLine;
using Supervisor.Commands.Control;
using Supervisor.Configuration;
using Supervisor.Platform;

namespace Supervisor.Commands;

/// <summary>
/// The options every control command takes to find the master (-p, -c), and the finding itself: the
/// pidfile, then the process it names.
/// </summary>
internal sealed class ControlOptions
{
    // A control command never starts a worker, but 'run' requires app; this stands in for it so that the
    // configuration is loaded exactly as 'run' loads it and nothing else is required.
    private const string StandInApp = "supervisor-control-command";

    private readonly ConfigLoader _loader;
    private readonly TextWriter _error;

    public ControlOptions(ConfigLoader loader, TextWriter error)
    {
        _loader = loader;
        _error = error;
        PidFile = new Option<string?>("--pid", "-p")
        {
            Description = "The master's pidfile. [default: pidfile from the config file]",
            HelpName = "FILE",
        };
        Config = new Option<string?>("--config", "-c")
        {
            Description = $"The config file whose pidfile setting names the master. [default: ./{ConfigLoader.DefaultConfigFile} when it exists]",
            HelpName = "FILE",
        };
    }

    public Option<string?> PidFile { get; }

    public Option<string?> Config { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(PidFile);
        command.Options.Add(Config);
    }

    /// <summary>The running master; throws <see cref="ControlException"/> with what to do when there is none.</summary>
    public MasterProcessHandle FindMaster(ParseResult result)
    {
        var pidFile = PidFileLocator.Locate(result.GetValue(PidFile), () => LoadAsRun(result.GetValue(Config)), _error);
        return MasterProcessHandle.FromPidFile(pidFile, ProcFs.System);
    }

    /// <summary>
    /// The configuration 'supervisor run -c FILE' would use: the same file rules, environment and
    /// SUPERVISOR_CMD_ARGS, through the same code.
    /// </summary>
    private ConfigResult LoadAsRun(string? configFile)
    {
        var options = new SettingOptions(withAppCommand: true);
        var run = new Command("run");
        options.AddTo(run);
        string[] args = configFile is null ? ["--", StandInApp] : ["--config", configFile, "--", StandInApp];
        return new ConfigCommandLine(options, _loader, Environment.GetEnvironmentVariable).Load(run.Parse(args));
    }
}
