using System.CommandLine;
using Supervisor.Commands.Control;
using Supervisor.Configuration;

namespace Supervisor.Commands;

/// <summary><c>supervisor stop</c>: TERM (graceful) or QUIT (--quick), optionally waiting for the master to exit.</summary>
internal static class StopCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var quick = new Option<bool>("--quick")
        {
            Description = "Stop at once (QUIT): workers exit without finishing their requests. Without it, TERM: they finish first.",
        };
        var wait = new Option<bool>("--wait")
        {
            Description = "Return only once the master has exited.",
        };
        var timeout = TimeoutOption.Create("How long --wait waits for the master to exit, in seconds.");
        var command = new Command("stop", "Stop the running master: gracefully (TERM) unless --quick (QUIT).");
        master.AddTo(command);
        command.Options.Add(quick);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            TimeSpan? waitFor = result.GetValue(wait) ? TimeSpan.FromSeconds(result.GetValue(timeout)) : null;
            StopRequest.Stop(running, result.GetValue(quick), waitFor, output);
        }));
        return command;
    }
}
