using System.Diagnostics;
using Integration.Support;

namespace Integration;

/// <summary><c>supervisor top</c> on a real terminal (tmux) and into a pipe, against a real master.</summary>
public sealed class TopCommandTests
{
    private static MasterRun StartMaster(int port) =>
        MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 2\npidfile = \"app.pid\"\n");

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = await process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return await output + error;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task OnATerminalItRedrawsTheWorkersAndQQuits()
    {
        var port = FreePort.Next();
        await using var master = StartMaster(port);
        await Wait.UntilAsync(() => master.CountLines(@"is ready") >= 2, TimeSpan.FromSeconds(60), $"two workers:\n{master.Output}");
        _ = Http.GetAsync($"http://127.0.0.1:{port}/api/sleep?ms=8000&token=s3cr3t", TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => master.RequestsInFlight() >= 1, TimeSpan.FromSeconds(10), "the slow request to start");
        var session = $"top-{Guid.NewGuid():N}";
        var pidFile = Path.Combine(master.Folder, "app.pid");
        await RunAsync("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "30", $"{Binaries.Supervisor} top -p {pidFile}");
        try
        {
            var screen = "";
            await Wait.UntilAsync(async () =>
            {
                screen = await RunAsync("tmux", "capture-pane", "-p", "-t", session);
                return master.LiveWorkerPids.All(pid => screen.Contains($"{pid}  ", StringComparison.Ordinal))
                    && screen.Contains("GET /api/sleep?ms=8000&token=REDACTED", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(20), "top to show both workers and the slow request");

            Assert.StartsWith($"supervisor top - master {master.Pid}, 2 workers - ", screen, StringComparison.Ordinal);
            Assert.Contains($"Listen queue: 127.0.0.1:{port} 0 waiting", screen, StringComparison.Ordinal);
            Assert.Contains("PID  SLOT  STATE  AGE  REQ/S  IN FLIGHT", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", screen, StringComparison.Ordinal);

            await RunAsync("tmux", "send-keys", "-t", session, "q");
            await Wait.UntilAsync(async () => await RunAsync("tmux", "has-session", "-t", session) is var answer
                && (answer.Contains("can't find session", StringComparison.Ordinal) || answer.Contains("no server running", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10), "q to end top (and its tmux session)");
        }
        finally
        {
            await RunAsync("tmux", "kill-session", "-t", session);
        }
    }

    [Fact]
    public async Task IntoAPipeItWritesPlainScreens()
    {
        var port = FreePort.Next();
        await using var master = StartMaster(port);
        await Wait.UntilAsync(() => master.CountLines(@"is ready") >= 2, TimeSpan.FromSeconds(60), $"two workers:\n{master.Output}");

        var output = await RunAsync(Binaries.Supervisor, "top", "-p", Path.Combine(master.Folder, "app.pid"), "-n", "2");

        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith($"supervisor top - master {master.Pid}, 2 workers", StringComparison.Ordinal)));
        Assert.All(master.LiveWorkerPids, pid => Assert.Contains($"\n{pid}  ", output, StringComparison.Ordinal));
    }
}
