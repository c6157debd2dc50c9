using Integration.Support;

namespace Integration;

/// <summary>Lifetime recycling on a real master under load: staggered, replacement first, nothing fails.</summary>
public sealed class RecyclingTests
{
    private readonly ITestOutputHelper _output;

    public RecyclingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task LifetimeRecyclingStaggersWorkersAndFailsNoRequest()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nworkers = 4\nmax_worker_lifetime = 5\nmax_worker_lifetime_jitter = 4\n");
        await Wait.UntilAsync(() => master.LiveWorkerPids.Count() == 4, TimeSpan.FromSeconds(30), "four workers");
        var first = master.WorkerPids.ToList();
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 4);

        await Wait.UntilAsync(() => first.All(p => !ProcessProbe.IsAlive(p)), TimeSpan.FromSeconds(30), "every first worker to be recycled");
        var (sent, failed) = await load.StopAsync();

        var recycled = master.Lines.Where(l => l.Contains("has lived past its lifetime", StringComparison.Ordinal)).ToList();
        var seconds = recycled.Take(4).Select(l => l[..21]).Distinct().Count();
        _output.WriteLine($"lifetime recycling: {sent} requests sent, {failed} failed; first four recycled in {seconds} distinct seconds");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
        Assert.True(recycled.Count >= 4, master.Output);
        Assert.Contains(" [INFO] Worker (pid:", recycled[0], StringComparison.Ordinal);

        // Drawn from [1 s, 9 s], four lifetimes do not all end in the same second (1 chance in 729 that they would).
        Assert.True(seconds >= 2, string.Join("\n", recycled));
    }
}
