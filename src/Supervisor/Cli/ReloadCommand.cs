using System.CommandLine;
using Supervisor.Configuration;
using Supervisor.Control;

namespace Supervisor.Cli;

/// <summary><c>supervisor reload</c>: sends HUP, on which the master rereads its configuration and rolls its workers.</summary>
internal static class ReloadCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var command = new Command("reload", "Reload the running master (HUP): reread the configuration and replace every worker without dropping a request.");
        master.AddTo(command);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            running.Send(ControlSignal.Hup);
            output.WriteLine(ControlMessages.Reloading(running.Pid));
        }));
        return command;
    }
}
