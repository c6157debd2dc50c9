using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

public sealed class SignalTests
{
    [Fact]
    public async Task TermDrainsAnInFlightRequestAndExitsZero()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0);
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);
        using var client = master.KeepAliveClient();

        var sleeping = client.GetAsync("/api/sleep?ms=2000");
        // The in-flight count moves first; the oldest request's line is published just after it.
        await Eventually.UntilAsync(() => master.Slot(0) is { RequestsInFlight: 1, RequestLine.Length: > 0 }, TimeSpan.FromSeconds(5), () => worker.Output);
        var slot = master.Slot(0);
        Assert.Equal("GET /api/sleep?ms=2000", slot.RequestLine);
        Assert.StartsWith("127.0.0.1:", slot.ClientAddress, StringComparison.Ordinal);
        Assert.InRange(Environment.TickCount64 - slot.OldestStart, 0, 2000);

        worker.Signal(Native.SIGTERM);
        await master.WaitForStateAsync(0, WorkerState.Stopping, worker);

        using var response = await sleeping;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "the drained response must close its connection");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((2000, worker.Pid), (json.RootElement.GetProperty("slept_ms").GetInt32(), json.RootElement.GetProperty("pid").GetInt32()));
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(Native.SIGQUIT)]
    [InlineData(Native.SIGINT)]
    public async Task QuitAndIntExitAtOnceWithoutWaitingForRequests(int signal)
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0);
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);
        // A raw connection: HttpClient would quietly retry the GET on a new connection.
        using var connection = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await connection.ConnectAsync(IPAddress.Loopback, master.Port);
        await connection.SendAsync("GET /api/sleep?ms=10000 HTTP/1.1\r\nHost: test\r\n\r\n"u8.ToArray());
        await Eventually.UntilAsync(() => master.Slot(0).RequestsInFlight == 1, TimeSpan.FromSeconds(5), () => worker.Output);
        var clock = Stopwatch.StartNew();
        worker.Signal(signal);

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(3)));
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
        Assert.Equal(0, await ReceiveOrResetAsync(connection));
    }

    /// <summary>Bytes received before the connection ended; a reset counts as the end.</summary>
    private static async Task<int> ReceiveOrResetAsync(Socket connection)
    {
        var buffer = new byte[4096];
        var total = 0;
        try
        {
            int read;
            while ((read = await connection.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(5))) > 0)
            {
                total += read;
            }
        }
        catch (SocketException)
        {
            // Reset by the dying worker: no response either.
        }

        return total;
    }

    [Fact]
    public async Task UsrOneAndHupDoNotStopTheWorker()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0);
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);

        worker.Signal(Native.SIGUSR1);
        worker.Signal(Native.SIGHUP);
        await Eventually.UntilAsync(() => worker.Output.Contains("USR1", StringComparison.Ordinal), TimeSpan.FromSeconds(5), () => worker.Output);

        using var client = master.NewConnectionPerRequestClient();
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        Assert.False(worker.Process.HasExited);
        Assert.Equal(WorkerState.Ready, master.Slot(0).State);
    }

    [Fact]
    public async Task TheWorkerExitsSoonAfterTheMasterDisappears()
    {
        using var master = new FakeMaster();
        using var fakeMasterProcess = ChildProcess.Start(new ProcessStartInfo("sleep") { ArgumentList = { "60" } });
        using var worker = master.StartWorker(0, new Dictionary<string, string?>
        {
            [ContractVariables.MasterPid] = fakeMasterProcess.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);

        fakeMasterProcess.Process.Kill();
        await fakeMasterProcess.Process.WaitForExitAsync();
        var clock = Stopwatch.StartNew();

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
        Assert.Contains("The master is gone", worker.Output, StringComparison.Ordinal);
    }
}
