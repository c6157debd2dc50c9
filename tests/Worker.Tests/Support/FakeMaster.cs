using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Supervisor.Worker.Protocol;
using SupervisorScoreboard = Supervisor.Worker.Scoreboard.Scoreboard;

namespace Worker.Tests.Support;

/// <summary>
/// Plays the supervisor's master for process tests: binds a listener once, creates a scoreboard and a wake
/// pipe, and starts SampleApp workers that inherit the listener and the pipe's write end by fd number.
/// Disposing kills every worker.
/// </summary>
internal sealed class FakeMaster : IDisposable
{
    private readonly List<ChildProcess> _children = [];

    public FakeMaster(int slots = 2)
    {
        Listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Listener.Listen(2048);
        Port = ((IPEndPoint)Listener.LocalEndPoint!).Port;
        ScoreboardPath = Path.Combine(Path.GetTempPath(), $"worker-tests-{Guid.NewGuid():N}.sb");
        Scoreboard = SupervisorScoreboard.Create(ScoreboardPath, slots);
    }

    public Socket Listener { get; }

    public int Port { get; }

    public int Fd => (int)Listener.SafeHandle.DangerousGetHandle();

    public string ScoreboardPath { get; }

    public SupervisorScoreboard Scoreboard { get; }

    /// <summary>The pipe every worker is told to wake the master through, as the real master does.</summary>
    public WakePipe Wake { get; } = new();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static string SampleAppPath => Path.Combine(AppContext.BaseDirectory, "SampleApp.dll");

    public SlotSnapshot Slot(int slot) => Scoreboard.ReadSlot(slot);

    /// <summary>Starts a worker in <paramref name="slot"/>; <paramref name="environment"/> adds or overrides contract variables (null removes).</summary>
    public ChildProcess StartWorker(int slot, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { SampleAppPath } };
        info.Environment[ContractVariables.ListenFds] = Fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment[ContractVariables.Scoreboard] = ScoreboardPath;
        info.Environment[ContractVariables.Slot] = slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment[ContractVariables.Generation] = "1";
        info.Environment[ContractVariables.MasterPid] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment[ContractVariables.GracefulTimeout] = "10";
        info.Environment[ContractVariables.WakeFd] = Wake.WriteFd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Request logs would only slow the tests down.
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var child = ChildProcess.Start(info, Fd, Wake.WriteFd);
        lock (_children)
        {
            _children.Add(child);
        }

        return child;
    }

    public async Task WaitForStateAsync(int slot, WorkerState state, ChildProcess worker, TimeSpan? timeout = null) =>
        await Eventually.UntilAsync(
            () => Slot(slot).State == state,
            timeout ?? TimeSpan.FromSeconds(15),
            () => $"slot {slot} is {Slot(slot).State}, not {state}. Worker output:\n{worker.Output}");

    /// <summary>A client that opens a new connection per request, so the kernel may pick any worker.</summary>
    public HttpClient NewConnectionPerRequestClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.ConnectionClose = true;
        return client;
    }

    public HttpClient KeepAliveClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        lock (_children)
        {
            foreach (var child in _children)
            {
                child.Dispose();
            }
        }

        Scoreboard.Dispose();
        File.Delete(ScoreboardPath);
        Listener.Dispose();
        Wake.Dispose();
    }
}
