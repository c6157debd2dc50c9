using System.CommandLine;
using System.Diagnostics;
using Supervisor.Configuration;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.Commands;

/// <summary>
/// <c>supervisor top</c>: a live view of the master and its workers, read from the scoreboard every second (no
/// control endpoint needed). On a terminal it redraws one screen and <c>q</c> quits; otherwise it writes each
/// screen as plain lines, a blank line between, which a log or a pipe can take.
/// </summary>
internal static class TopCommand
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Home the cursor, draw, clear what the previous screen left below: no flicker of a full clear.
    private const string Home = "\u001b[H";
    private const string ClearToEnd = "\u001b[J";
    private const string ClearLine = "\u001b[K";

    public static Command Create(ConfigLoader loader, TextWriter output, TextWriter error)
    {
        var master = new ControlOptions(loader, error);
        var iterations = new Option<int>("--iterations", "-n")
        {
            Description = "Screens to show before exiting; 0 (the default) runs until q, or until the master exits.",
        };
        var command = new Command("top", "A live view of the master and its workers, refreshed every second: requests per second, in flight, oldest request, memory. q quits.");
        master.AddTo(command);
        command.Options.Add(iterations);
        command.SetAction(result => ControlAction.Run(error, () =>
        {
            var running = master.FindMaster(result);
            using var scoreboard = ScoreboardReader.Open(running.Pid, ProcFs.System);
            var terminal = !Console.IsOutputRedirected && !Console.IsInputRedirected;
            Run(scoreboard, output, terminal, result.GetValue(iterations));
        }));
        return command;
    }

    private static void Run(ScoreboardReader scoreboard, TextWriter output, bool terminal, int iterations)
    {
        var previous = new Dictionary<int, long>();
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        for (var screen = 1; ; screen++)
        {
            if (!ProcFs.System.IsRunning(scoreboard.MasterPid))
            {
                output.WriteLine($"The master (pid {scoreboard.MasterPid}) has exited.");
                return;
            }

            var report = scoreboard.Report();
            var now = clock.Elapsed;
            var lines = TopScreen.Render(report, previous, (now - last).TotalSeconds, ListenQueues.Read("/proc", scoreboard.MasterPid), DateTimeOffset.Now);
            previous = report.Workers.ToDictionary(w => w.Pid, w => w.RequestsServed);
            last = now;
            output.Write(terminal ? Home + string.Join(ClearLine + "\n", lines) + ClearLine + "\n" + ClearToEnd : string.Join("\n", lines) + "\n\n");
            output.Flush();
            if ((iterations > 0 && screen >= iterations) || WaitForQuit(terminal))
            {
                return;
            }
        }
    }

    /// <summary>Waits out the interval; on a terminal, true as soon as q is pressed.</summary>
    private static bool WaitForQuit(bool terminal)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Interval)
        {
            while (terminal && Console.KeyAvailable)
            {
                if (Console.ReadKey(intercept: true).KeyChar is 'q' or 'Q')
                {
                    return true;
                }
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
