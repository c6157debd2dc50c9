using System.CommandLine;
using Supervisor.Configuration;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary><c>supervisor status</c>: the master's live workers, read from its scoreboard, as a table or JSON.</summary>
internal static class StatusCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (master_pid, workers) instead of the table.",
        };
        var full = new Option<bool>("--full")
        {
            Description = "Also show each worker's oldest request in flight: how long it has run, the client, and its request line with secret query values hidden.",
        };
        var command = new Command("status", "Show the running master's workers: pid, slot, state, age, requests served and in flight, memory.");
        master.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(full);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            using var scoreboard = ScoreboardReader.Open(running.Pid, ProcFs.System);
            var report = scoreboard.Report();
            var withRequests = result.GetValue(full);
            output.Write(result.GetValue(json) ? StatusJson.Render(report, withRequests) : StatusTable.Render(report, withRequests));
        }));
        return command;
    }
}
