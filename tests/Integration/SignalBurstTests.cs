using Integration.Support;

namespace Integration;

/// <summary>
/// Bursts of signals at a real master under load: it stays up, no request fails, and it settles on the worker
/// count the signals add up to.
/// </summary>
public sealed class SignalBurstTests
{
    private const int SIGHUP = 1, SIGUSR1 = 10, SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28;
    private readonly ITestOutputHelper _output;

    public SignalBurstTests(ITestOutputHelper output)
    {
        _output = output;
    }

    // At info level: a storm's debug output (every connection of 32 workers) would cost the test host more than the test.
    private static MasterRun Start(int port, int control) =>
        MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\ngraceful_timeout = 10\ncontrol_bind = \"127.0.0.1:{control}\"\n");

    /// <summary>This many workers live, each READY by the master's own metrics, none booting or leaving.</summary>
    private static Task SettleAsync(MasterRun master, int control, int count) =>
        Wait.UntilAsync(async () =>
        {
            if (master.LiveWorkerPids.Count() != count)
            {
                return false;
            }

            var metrics = await Http.GetStringAsync($"http://127.0.0.1:{control}/metrics");
            return metrics.Contains($"supervisor_workers{{state=\"ready\"}} {count}\n", StringComparison.Ordinal)
                && new[] { "booting", "retiring", "stopping" }.All(state => metrics.Contains($"supervisor_workers{{state=\"{state}\"}} 0\n", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(90), $"{count} ready workers:\n{master.Output}");

    private async Task<(long Sent, int Failed)> UnderLoadAsync(int port, Func<Task> burst)
    {
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);
        await load.WaitForRequestsAsync(100);
        await burst();
        await load.WaitForRequestsAsync(100);
        var result = await load.StopAsync();
        _output.WriteLine($"{result.Sent} requests, {result.Failed} failed");
        Assert.True(result.Failed == 0, string.Join("\n", load.Failures.Take(10)));
        return result;
    }

    private static void AssertHealthy(MasterRun master)
    {
        Assert.False(master.HasExited, master.Output);
        var unhandled = master.Output.IndexOf("Unhandled exception", StringComparison.Ordinal);
        Assert.True(unhandled < 0, unhandled < 0 ? "" : master.Output[Math.Max(0, unhandled - 3000)..Math.Min(master.Output.Length, unhandled + 3000)]);
        Assert.DoesNotContain("failed to boot", master.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reload refused", master.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyHupsInASecondReloadAFewTimesAndFailNoRequest()
    {
        var (port, control) = (FreePort.Next(), FreePort.Next());
        await using var master = Start(port, control);
        await SettleAsync(master, control, 2);

        await UnderLoadAsync(port, async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                master.Signal(SIGHUP);
                await Task.Delay(20);
            }

            await SettleAsync(master, control, 2);
        });

        AssertHealthy(master);

        // The kernel merges a HUP sent while the last is still pending, so a loaded machine takes fewer than 50.
        var (handled, reloads) = (master.CountLines("Handling signal: hup"), master.CountLines("Hang up: Master"));
        _output.WriteLine($"{reloads} reloads for {handled} HUPs handled of 50 sent");
        Assert.InRange(handled, 2, 50);
        Assert.InRange(reloads, 2, Math.Min(10, handled));
    }

    [Fact]
    public async Task TwoHundredTtinThenTwoHundredTtouLeaveOneWorkerAndFailNoRequest()
    {
        var (port, control) = (FreePort.Next(), FreePort.Next());
        await using var master = Start(port, control);
        await SettleAsync(master, control, 2);

        // The kernel merges a signal sent again before the first was taken, so a storm is 200 sends, not 200 signals.
        await UnderLoadAsync(port, async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                master.Signal(SIGTTIN);
            }

            await master.WaitForLineAsync("TTIN refused: 32 workers is the most this master runs");
            for (var i = 0; i < 200; i++)
            {
                master.Signal(SIGTTOU);
            }

            // Those the kernel merged are sent again until the count is down to one.
            for (var i = 0; i < 200 && master.CountLines(@"Number of workers: 1$") == 0; i++)
            {
                master.Signal(SIGTTOU);
                await Task.Delay(10);
            }

            await master.WaitForLineAsync(@"Number of workers: 1$");
            await SettleAsync(master, control, 1);
        });

        AssertHealthy(master);
        Assert.DoesNotContain(master.Lines, l => l.Contains("Number of workers: 33", StringComparison.Ordinal));
        _output.WriteLine($"{master.CountLines("TTIN refused")} TTIN refused, {master.CountLines("was stopped before it was ready")} stopped while booting");
    }

    [Fact]
    public async Task AMixOfEverySignalSettlesOnTheCountTheyAddUpTo()
    {
        var (port, control) = (FreePort.Next(), FreePort.Next());
        await using var master = Start(port, control);
        await SettleAsync(master, control, 2);
        var random = new Random(11);
        var signals = Enumerable.Range(0, 60).Select(_ => new[] { SIGHUP, SIGTTIN, SIGTTIN, SIGTTOU, SIGTTOU, SIGUSR1, SIGWINCH }[random.Next(7)]).ToList();

        await UnderLoadAsync(port, async () =>
        {
            // Each is sent once the last was taken, so the kernel merges none of them, yet all within a second or two.
            foreach (var signal in signals)
            {
                var handled = master.CountLines("Handling signal: ");
                master.Signal(signal);
                await Wait.UntilAsync(() => master.CountLines("Handling signal: ") > handled, TimeSpan.FromSeconds(10), "the signal to be handled");
            }

            await SettleAsync(master, control, Expected(signals));
        });

        AssertHealthy(master);
        _output.WriteLine($"settled on {Expected(signals)} workers");
    }

    /// <summary>A HUP sets the count back to the configuration's; TTIN and TTOU move it by one, never below one.</summary>
    private static int Expected(IEnumerable<int> signals) =>
        signals.Aggregate(2, (count, signal) => signal switch
        {
            SIGHUP => 2,
            SIGTTIN => count + 1,
            SIGTTOU => Math.Max(1, count - 1),
            _ => count,
        });
}
