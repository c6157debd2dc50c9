using System.CommandLine;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Host;
using Supervisor.Worker.Protocol;

namespace Supervisor.Commands;

/// <summary><c>supervisor run</c>: loads the configuration and runs the master.</summary>
internal static class RunCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter standardError)
    {
        var options = new SettingOptions(withAppCommand: true);
        // Gunicorn's spellings of 'supervisor check' and 'supervisor check --print'.
        var checkConfig = new Option<bool>("--check-config")
        {
            Description = "Check the configuration and exit, as 'supervisor check' does: 0 when valid, 1 with every problem listed.",
        };
        var printConfig = new Option<bool>("--print-config")
        {
            Description = "Print the effective configuration and exit, as 'supervisor check --print' does.",
        };
        var command = new Command("run", "Run the master: bind the listeners, start the workers and supervise them until stopped.");
        options.AddTo(command);
        command.Options.Add(checkConfig);
        command.Options.Add(printConfig);
        var configuration = new ConfigCommandLine(options, loader, Environment.GetEnvironmentVariable);
        command.SetAction(result =>
        {
            // The master run -D started leaves the terminal before anything else; until its workers are READY what
            // it would say on stderr goes to run -D, which shows it.
            var daemon = DaemonChild.Detach();
            var error = daemon?.Error ?? standardError;
            if (result.GetValue(checkConfig) || result.GetValue(printConfig))
            {
                return CheckCommand.Report(configuration.LoadForStart(result), result.GetValue(printConfig), output, error);
            }

            // The same checks as 'check', so what it accepts starts, and what cannot start is refused before
            // anything is bound, in one line per problem.
            var loaded = configuration.LoadForStart(result);
            if (!loaded.IsValid)
            {
                // An app that cannot be started keeps its own exit code (Gunicorn's APP_LOAD_ERROR).
                var appCannotStart = loaded.Problems.Any(p => p.Key == Settings.App.Key || p.Key == Settings.AppMode.Key);
                return SupervisorCli.ReportProblems(error, loaded.Problems, appCannotStart ? ExitCodes.AppLoadError : ExitCodes.ConfigError);
            }

            // -D: the same command again, in the background; a master started by a binary upgrade is detached
            // already, with the master that started it, as Gunicorn's is.
            if (daemon is null && loaded.Config!.Get(Settings.Daemon) && Environment.GetEnvironmentVariable(UpgradeVariables.ParentMaster) is null)
            {
                return DaemonLauncher.Run(loaded.Config, error);
            }

            // A reload is held to the same checks: a log folder that does not exist refuses it, and is never created.
            return MasterProcess.Run(loaded.Config!, () => configuration.LoadForStart(result), error, daemon);
        });
        return command;
    }
}
