using System.CommandLine;
using System.Globalization;
using Supervisor.Configuration;
using Supervisor.Diagnostics;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary>
/// <c>supervisor stacks [PID|all]</c>: the managed stacks of one worker or of every worker, read now, the way
/// <c>timeout_dump</c> reads them, without stopping anything. Only the master's own workers: a pid is checked
/// against its scoreboard, so the command never reads another process.
/// </summary>
internal static class StacksCommand
{
    // A dump of a busy worker takes about half a second; a worker that does not answer in this long gives none.
    private static readonly TimeSpan DumpLimit = TimeSpan.FromSeconds(10);

    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var which = new Argument<string>("PID|all")
        {
            Description = "The pid of one worker, or all (the default) for every worker.",
            DefaultValueFactory = _ => "all",
        };
        var command = new Command("stacks", "Print the managed stacks of one worker or of every worker now (JIT workers; Native AOT ones have none to read).");
        master.AddTo(command);
        command.Arguments.Add(which);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            using var scoreboard = ScoreboardReader.Open(running.Pid, ProcFs.System);
            var workers = scoreboard.LiveSlots().Select(s => s.Snapshot.Pid).ToList();
            foreach (var pid in Select(workers, result.GetValue(which) ?? "all", running.Pid))
            {
                output.Write(Report(pid, StackDumper.Dump(pid, DumpLimit)));
                output.Flush();
            }
        }));
        return command;
    }

    /// <summary>The workers to read: every one for <c>all</c>, else the one whose pid is given, which must be a live worker.</summary>
    internal static IReadOnlyList<int> Select(IReadOnlyList<int> workers, string which, int masterPid)
    {
        if (which == "all")
        {
            return workers.Count > 0 ? workers : throw new ControlException($"The master (pid {N(masterPid)}) has no live worker to read.");
        }

        if (!int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            throw new ControlException($"\"{which}\" is neither a worker's pid nor all. Give the pid of a worker from 'supervisor status', or all.");
        }

        return workers.Contains(pid)
            ? [pid]
            : throw new ControlException(
                $"Process {N(pid)} is not a live worker of the master (pid {N(masterPid)}); its workers are {(workers.Count > 0 ? string.Join(", ", workers.Select(N)) : "none")}. Only its workers' stacks are read.");
    }

    /// <summary>One worker's block: a heading line, its stacks or why there are none, and a blank line.</summary>
    internal static string Report(int pid, string? stacks) => stacks is null
        ? $"Stacks of worker (pid:{N(pid)}): cannot be read. A Native AOT worker has none to read; a JIT worker may have exited, or have its diagnostics turned off (DOTNET_EnableDiagnostics=0).\n\n"
        : $"Stacks of worker (pid:{N(pid)}):\n{stacks.TrimEnd('\n')}\n\n";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
