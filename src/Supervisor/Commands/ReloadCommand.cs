using System.CommandLine;
using Supervisor.Commands.Control;
using Supervisor.Configuration;

namespace Supervisor.Commands;

/// <summary>
/// <c>supervisor reload</c>: sends HUP, on which the master rereads its configuration and rolls its workers, and
/// waits for the master's verdict on that configuration.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var timeout = TimeoutOption.Create("How long to wait for the master to accept or refuse the configuration, in seconds.");
        var command = new Command(
            "reload",
            "Reload the running master (HUP): reread the configuration and replace every worker without dropping a request. "
            + "Waits until the master has read the configuration (it writes its answer to PIDFILE.reload, beside its pidfile): "
            + "exits 0 when it accepted it, 1 with its reasons when it refused it (the previous configuration keeps running) "
            + "or when no answer came within --timeout.");
        master.AddTo(command);
        command.Options.Add(timeout);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            ReloadRequest.Reload(running, running.PidFile, TimeSpan.FromSeconds(result.GetValue(timeout)), output);
        }));
        return command;
    }
}
