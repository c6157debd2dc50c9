using System.CommandLine;
using Supervisor.Configuration;
using Supervisor.Master;

namespace Supervisor.Cli;

/// <summary><c>supervisor run</c>: loads the configuration and runs the master.</summary>
internal static class RunCommand
{
    public static Command Create(ConfigLoader loader, TextWriter error)
    {
        var options = new SettingOptions(withAppCommand: true);
        var command = new Command("run", "Run the master: bind the listeners, start the workers and supervise them until stopped.");
        options.AddTo(command);
        var configuration = new ConfigCommandLine(options, loader, Environment.GetEnvironmentVariable);
        command.SetAction(result =>
        {
            var loaded = configuration.Load(result);
            if (!loaded.IsValid)
            {
                return SupervisorCli.ReportProblems(error, loaded.Problems);
            }

            return MasterProcess.Run(loaded.Config!, () => configuration.Load(result));
        });
        return command;
    }
}
