using System.CommandLine;
using Supervisor.Configuration;

namespace Supervisor.Commands;

/// <summary><c>supervisor check</c>: validates the configuration; <c>--print</c> shows the effective one.</summary>
internal static class CheckCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var options = new SettingOptions(withAppCommand: true);
        var print = new Option<bool>("--print")
        {
            Description = "Print the effective configuration, one sorted 'key = value' line per setting.",
        };
        var command = new Command("check", "Validate the configuration and what it needs of this machine (the app, log folders, sockets), then exit: 0 when valid, 1 with every problem listed.");
        options.AddTo(command);
        command.Options.Add(print);
        var configuration = new ConfigCommandLine(options, loader, Environment.GetEnvironmentVariable);
        command.SetAction(result => Report(configuration.LoadForStart(result), result.GetValue(print), output, error));
        return command;
    }

    /// <summary>What check answers: every problem and exit 1, or the printout (or one line) and exit 0.</summary>
    public static int Report(ConfigResult loaded, bool print, TextWriter output, TextWriter error)
    {
        if (!loaded.IsValid)
        {
            return SupervisorCli.ReportProblems(error, loaded.Problems);
        }

        if (print)
        {
            foreach (var line in ConfigPrinter.Lines(loaded.Config!))
            {
                output.WriteLine(line);
            }
        }
        else
        {
            output.WriteLine($"The configuration is valid ({loaded.Config!.ConfigFile ?? "no config file; defaults, environment and flags"}).");
        }

        return 0;
    }
}
