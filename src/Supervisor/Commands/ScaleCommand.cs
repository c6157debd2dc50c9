using System.CommandLine;
using Supervisor.Commands.Control;
using Supervisor.Configuration;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary><c>supervisor scale +N|-N</c>: one TTIN or TTOU per worker, each waited for on the scoreboard.</summary>
internal static class ScaleCommand
{
    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var change = new Argument<ScaleChange>("+N|-N")
        {
            Description = "Workers to add (+N) or remove (-N); the master keeps at least 1.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (!ScaleChange.TryParse(text, out var parsed, out var problem))
                {
                    result.AddError(problem);
                }

                return parsed;
            },
        };
        var timeout = TimeoutOption.Create("How long to wait for each worker to be ready, or to stop accepting, in seconds.");
        var command = new Command("scale", "Add or remove workers (TTIN, TTOU) and wait until that many are ready.");
        master.AddTo(command);
        command.Options.Add(timeout);
        command.Arguments.Add(change);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            using var scoreboard = ScoreboardReader.Open(running.Pid, ProcFs.System);
            var scaler = new WorkerScaler(running, scoreboard.Count, TimeSpan.FromSeconds(result.GetValue(timeout)), output);
            scaler.Scale(result.GetValue(change));
        }));
        return command;
    }
}
