using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

public sealed class QuotaTests
{
    [Fact]
    public async Task AtItsQuotaTheWorkerClosesTheConnectionRetiresAndExitsZero()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0, new Dictionary<string, string?> { [ContractVariables.MaxRequests] = "5" });
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);

        using var client = master.KeepAliveClient();
        var closes = new List<bool>();
        for (var i = 1; i <= 5; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
            closes.Add(response.Headers.ConnectionClose == true);
        }

        Assert.Equal([false, false, false, false, true], closes);
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var slot = master.Slot(0);
        Assert.Equal((WorkerState.Retiring, 5L, 0L), (slot.State, slot.RequestsServed, slot.RequestsInFlight));
    }
}
