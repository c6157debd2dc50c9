using System.Net.Http.Json;
using System.Text.Json;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

public sealed class SharedSocketTests
{
    [Fact]
    public async Task TwoWorkersShareOneSocketAndTheSurvivorServesWhenOneStops()
    {
        using var master = new FakeMaster();
        using var first = master.StartWorker(0);
        using var second = master.StartWorker(1);
        await master.WaitForStateAsync(0, WorkerState.Ready, first);
        await master.WaitForStateAsync(1, WorkerState.Ready, second);

        using var client = master.NewConnectionPerRequestClient();
        var seen = new HashSet<int>();
        await Eventually.UntilAsync(
            () =>
            {
                seen.Add(PidOf(client));
                return seen.SetEquals([first.Pid, second.Pid]);
            },
            TimeSpan.FromSeconds(15),
            () => $"answered by {string.Join(",", seen)}, workers {first.Pid},{second.Pid}");

        first.Signal(Native.SIGTERM);
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WorkerState.Stopping, master.Slot(0).State);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(second.Pid, PidOf(client));
        }
    }

    private static int PidOf(HttpClient client)
    {
        using var response = client.GetAsync("/api/worker").GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.GetProperty("pid").GetInt32();
    }
}
