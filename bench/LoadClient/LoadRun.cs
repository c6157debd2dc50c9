using System.Diagnostics;

namespace LoadClient;

/// <summary>Starts one thread per client, waits for all of them, and adds up what they counted.</summary>
internal static class LoadRun
{
    public static RunResult Execute(LoadSettings settings, TextWriter error)
    {
        var request = RequestBytes.For(settings.Url, settings.Mode);
        var startedAt = Stopwatch.GetTimestamp();
        var log = settings.Verbose ? new AttemptLog(error, startedAt) : null;
        var endsAt = startedAt + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(1, settings.Clients).Select(id => new ClientLoop(id, settings, request, log)).ToList();
        var threads = clients.Select(client => new Thread(() => client.Run(endsAt)) { IsBackground = true }).ToList();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return RunResult.Merge(settings, Stopwatch.GetElapsedTime(startedAt), clients.Select(c => c.Tally).ToList());
    }
}
