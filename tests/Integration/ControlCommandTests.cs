using System.Diagnostics;
using System.Text.Json;
using Integration.Support;

namespace Integration;

/// <summary>
/// supervisor status, stop, reload and scale against a real master, found through the pidfile in its
/// gunicorn.toml, as a user would run them from the master's folder.
/// </summary>
public sealed class ControlCommandTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";

    // The master ignores these signals until the arbiter's HUP and TTIN/TTOU handling lands; then remove the Skips.

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private static MasterRun StartMaster(int workers) =>
        MasterRun.Start($"bind = \"127.0.0.1:{FreePort.Next()}\"\nloglevel = \"debug\"\nworkers = {workers}\npidfile = \"app.pid\"\n");

    private static async Task WaitForReadyAsync(MasterRun master, int count) =>
        await Wait.UntilAsync(() => master.CountLines(Ready) >= count, TimeSpan.FromSeconds(60), $"{count} workers ready:\n{master.Output}");

    /// <summary>Runs a control command in the master's folder; it is killed if it outlives the timeout.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> ControlAsync(MasterRun master, params string[] args)
    {
        var info = new ProcessStartInfo(Binaries.Supervisor)
        {
            WorkingDirectory = master.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "SUPERVISOR_CMD_ARGS", "WEB_CONCURRENCY", "PORT" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(CommandTimeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output, await error);
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
    public async Task StatusListsBothWorkersAsReady()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "status");

        Assert.True(exitCode == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal($"Master pid {master.Pid}: 2 workers", lines[0]);
        Assert.Equal(["PID", "SLOT", "STATE", "AGE", "SERVED", "IN", "FLIGHT", "RSS"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(master.LiveWorkerPids.Order(), rows.Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.All(rows, r => Assert.Equal("ready", r[2]));
        Assert.All(rows, r => Assert.Matches(@"^\d+s$|^\d+m\d\ds$", r[3]));
        Assert.All(rows, r => Assert.Equal("MiB", r[^1]));
    }

    [Fact]
    public async Task StatusFullShowsEachWorkersOldestRequestWithItsSecretsHidden()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\npidfile = \"app.pid\"\n");
        await WaitForReadyAsync(master, 1);
        // Left running: the master, disposed at the end, takes the request with it.
        _ = Http.GetAsync($"http://127.0.0.1:{port}/api/sleep?ms=8000&token=s3cr3t", TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => master.RequestsInFlight() >= 1, TimeSpan.FromSeconds(10), "the slow request to start");
        // The worker's heartbeat shows its oldest request, within a beat (250 ms).
        await Wait.UntilAsync(async () => (await ControlAsync(master, "status", "--full")).Output.Contains("GET /api/sleep", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the slow request to show in status --full");

        var (exitCode, output, error) = await ControlAsync(master, "status", "--full");
        var (jsonExit, json, jsonError) = await ControlAsync(master, "status", "--full", "--json");

        Assert.True(exitCode == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.EndsWith("RSS  RUNNING  CLIENT           OLDEST REQUEST", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"MiB +\d+\.\ds  127\.0\.0\.1:\d+  GET /api/sleep\?ms=8000&token=REDACTED$", lines[2]);
        Assert.True(jsonExit == 0, jsonError);
        using var document = JsonDocument.Parse(json);
        var oldest = document.RootElement.GetProperty("workers")[0].GetProperty("oldest_request");
        Assert.Equal("ms=8000&token=REDACTED", oldest.GetProperty("query").GetString());
        Assert.DoesNotContain("s3cr3t", output + json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StacksPrintsTheManagedStacksOfEveryWorkerOrOfOne()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);
        var workers = master.LiveWorkerPids.Order().ToList();

        var (exitCode, output, error) = await ControlAsync(master, "stacks");
        var (oneExit, one, oneError) = await ControlAsync(master, "stacks", workers[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (badExit, _, badError) = await ControlAsync(master, "stacks", master.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exitCode == 0, error);
        Assert.All(workers, pid => Assert.Contains($"Stacks of worker (pid:{pid}):\nManaged stacks of process {pid}:", output, StringComparison.Ordinal));
        Assert.True(oneExit == 0, oneError);
        Assert.StartsWith($"Stacks of worker (pid:{workers[1]}):\nManaged stacks of process {workers[1]}:", one, StringComparison.Ordinal);
        Assert.DoesNotContain($"(pid:{workers[0]})", one, StringComparison.Ordinal);
        Assert.Equal(1, badExit);
        Assert.StartsWith($"Process {master.Pid} is not a live worker of the master (pid {master.Pid});", badError, StringComparison.Ordinal);
        Assert.True(workers.All(ProcessProbe.IsAlive), "a worker died of having its stacks read");
    }

    [Fact]
    public async Task StatusJsonListsBothWorkersAsReady()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "status", "--json");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(master.Pid, json.RootElement.GetProperty("master_pid").GetInt32());
        var workers = json.RootElement.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(master.LiveWorkerPids.Order(), workers.Select(w => w.GetProperty("pid").GetInt32()).Order());
        Assert.All(workers, w => Assert.Equal("ready", w.GetProperty("state").GetString()));
        Assert.All(workers, w => Assert.True(w.GetProperty("rss_bytes").GetInt64() > 0));
        Assert.All(workers, w => Assert.True(w.GetProperty("age_seconds").GetInt64() >= 0));
    }

    [Fact]
    public async Task StopWithWaitReturnsOnceTheMasterHasExitedCleanly()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "stop", "--wait");

        Assert.True(exitCode == 0, error);
        Assert.Equal($"Sent TERM to the master (pid {master.Pid}): stopping gracefully.\nThe master (pid {master.Pid}) has stopped.\n", output);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("Handling signal: term", master.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(master.Folder, "app.pid")));
    }

    [Fact]
    public async Task StopQuickMakesTheMasterExitCleanly()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "stop", "--quick");

        Assert.True(exitCode == 0, error);
        Assert.Equal($"Sent QUIT to the master (pid {master.Pid}): stopping now.\n", output);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Handling signal: quit", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleRefusesToGoBelowOneWorkerWithoutSignalling()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "scale", "-2");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            $"Cannot scale by -2: the master (pid {master.Pid}) has 2 workers, and it keeps at least 1, so -1 is the most it can go down. Nothing was sent.\n",
            error);
        Assert.False(master.HasExited);
    }

    [Fact]
    public async Task ReloadSendsHupToTheMaster()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var (exitCode, output, error) = await ControlAsync(master, "reload");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            $"Sent HUP to the master (pid {master.Pid}): reloading.\nThe master (pid {master.Pid}) accepted the configuration; its new workers replace the old ones as they become ready.\n",
            output);
        await master.WaitForLineAsync("Handling signal: hup");
    }

    [Fact]
    public async Task ReloadOfABrokenConfigurationExitsOneWithTheMastersReasonAndOfTheFixedOneZero()
    {
        await using var master = StartMaster(workers: 1);
        await WaitForReadyAsync(master, 1);
        var config = Path.Combine(master.Folder, "gunicorn.toml");
        var good = File.ReadAllText(config);
        File.WriteAllText(config, good + "wrokers = 3\n");

        // -p: the broken file no longer tells the command where the pidfile is; the master must say what is wrong.
        var refused = await ControlAsync(master, "reload", "-p", "app.pid");

        Assert.Equal(1, refused.ExitCode);
        var lines = good.Split('\n').Length;
        Assert.Equal(
            $"The master (pid {master.Pid}) refused the configuration and keeps running the previous one:\n"
            + $"  gunicorn.toml:{lines}:1: unknown key 'wrokers'; did you mean 'workers'?\n"
            + "Fix the configuration ('supervisor check' lists its problems) and reload again.\n",
            refused.Error);
        Assert.Equal($"Sent HUP to the master (pid {master.Pid}): reloading.\n", refused.Output);

        File.WriteAllText(config, good);
        var accepted = await ControlAsync(master, "reload");

        Assert.True(accepted.ExitCode == 0, accepted.Error + "\n" + master.Output);
        Assert.EndsWith($"The master (pid {master.Pid}) accepted the configuration; its new workers replace the old ones as they become ready.\n", accepted.Output, StringComparison.Ordinal);
        Assert.False(master.HasExited);
    }

    [Fact]
    public async Task ScaleUpThenDownReachesThreeThenTwoReadyWorkers()
    {
        await using var master = StartMaster(workers: 2);
        await WaitForReadyAsync(master, 2);

        var up = await ControlAsync(master, "scale", "+1", "--timeout", "30");

        Assert.True(up.ExitCode == 0, up.Error + "\n" + master.Output);
        Assert.Equal($"Sent TTIN to the master (pid {master.Pid}): 3 workers ready.\n", up.Output);
        Assert.Equal(3, await ReadyWorkersAsync(master));

        var down = await ControlAsync(master, "scale", "-1", "--timeout", "30");

        Assert.True(down.ExitCode == 0, down.Error + "\n" + master.Output);
        Assert.Equal($"Sent TTOU to the master (pid {master.Pid}): 2 workers ready.\n", down.Output);
        Assert.Equal(2, await ReadyWorkersAsync(master));
    }

    private static async Task<int> ReadyWorkersAsync(MasterRun master)
    {
        var (_, output, error) = await ControlAsync(master, "status", "--json");
        using var json = JsonDocument.Parse(output.Length > 0 ? output : throw new InvalidOperationException(error));
        return json.RootElement.GetProperty("workers").EnumerateArray().Count(w => w.GetProperty("state").GetString() == "ready");
    }
}
