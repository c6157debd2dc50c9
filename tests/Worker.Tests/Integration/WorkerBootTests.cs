using System.Diagnostics;
using System.Net.Sockets;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

/// <summary>The test plays the master: one listener, one scoreboard, SampleApp as the worker.</summary>
public sealed class WorkerBootTests
{
    private readonly ITestOutputHelper _output;

    public WorkerBootTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ABootedWorkerServesOnTheInheritedSocketAndReportsInItsSlot()
    {
        using var master = new FakeMaster();
        var strayPort = FreePort.Next();
        var started = Stopwatch.StartNew();
        using var worker = master.StartWorker(1, new Dictionary<string, string?>
        {
            [ContractVariables.Backlog] = "1234",
            // Must be ignored: a worker listens on the master's sockets only.
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{strayPort}",
        });

        await Eventually.UntilAsync(() => master.Slot(1).State != WorkerState.Empty, TimeSpan.FromSeconds(10), () => worker.Output);
        Assert.Contains(master.Slot(1).State, new[] { WorkerState.Booting, WorkerState.Ready });
        await master.WaitForStateAsync(1, WorkerState.Ready, worker);
        var readyAfter = started.Elapsed;
        var slot = master.Slot(1);
        Assert.Equal((worker.Pid, 1L), (slot.Pid, slot.Generation));

        using var client = master.NewConnectionPerRequestClient();
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        Assert.Equal("Hello, World!", await client.GetStringAsync("/"));
        await Eventually.UntilAsync(() => master.Slot(1).RequestsServed == 2, TimeSpan.FromSeconds(5), () => $"served {master.Slot(1).RequestsServed}");

        var beat = master.Slot(1).Heartbeat;
        await Eventually.UntilAsync(() => master.Slot(1).Heartbeat > beat, TimeSpan.FromSeconds(2), () => "the heartbeat did not advance");
        Assert.InRange(Environment.TickCount64 - master.Slot(1).Heartbeat, 0, 1000);

        Assert.Equal(1234, ListenBacklog(master.Port));
        Assert.False(IsListening(strayPort), "the worker bound ASPNETCORE_URLS");
        Assert.DoesNotContain("Overriding", worker.Output, StringComparison.Ordinal);

        _output.WriteLine($"READY after {readyAfter.TotalMilliseconds:F0} ms; idle VmRSS {VmRss(worker.Pid)}");
    }

    [Fact]
    public async Task AMalformedContractExitsThreeNamingTheVariable()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0, new Dictionary<string, string?> { [ContractVariables.Slot] = "abc" });
        Assert.Equal(ExitCodes.WorkerBootError, await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("Worker failed to boot", worker.Output, StringComparison.Ordinal);
        Assert.Contains("SUPERVISOR_SLOT must be a whole number from 0 to 4095, but is \"abc\".", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnFdThatIsNotASocketExitsThree()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0, new Dictionary<string, string?> { [ContractVariables.ListenFds] = "987" });
        Assert.Equal(ExitCodes.WorkerBootError, await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("Worker failed to boot", worker.Output, StringComparison.Ordinal);
    }

    private static bool IsListening(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>For a listening socket, ss shows the backlog in the Send-Q column.</summary>
    private static int ListenBacklog(int port)
    {
        var info = new ProcessStartInfo("ss") { ArgumentList = { "-ltnH", $"sport = :{port}" } };
        using var ss = ChildProcess.Start(info);
        ss.Process.WaitForExit(5000);
        ss.Process.WaitForExit();
        var columns = ss.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(columns.Length >= 3, $"unexpected ss output: {ss.Output}");
        return int.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string VmRss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim();
}
