using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

/// <summary>The worker wakes its master through the inherited pipe the moment its slot needs the master's attention.</summary>
public sealed class WakeTests
{
    [Fact]
    public async Task AWorkerWritesOneByteWhenReadyAndOneWhenRetiring()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0, new Dictionary<string, string?> { [ContractVariables.MaxRequests] = "1" });
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);
        await master.Wake.WaitForAsync(1, TimeSpan.FromSeconds(5), () => $"Worker output:\n{worker.Output}");

        using var client = master.NewConnectionPerRequestClient();
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        await master.Wake.WaitForAsync(2, TimeSpan.FromSeconds(5), () => $"slot is {master.Slot(0).State}. Worker output:\n{worker.Output}");

        // Stopping after the quota writes nothing more: the master needs no wake to reap an exit.
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, master.Wake.Drain());
    }
}
