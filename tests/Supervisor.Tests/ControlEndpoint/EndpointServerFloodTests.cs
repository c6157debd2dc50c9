using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.ControlEndpoint;
using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.ControlEndpoint;

/// <summary>
/// The control endpoint under connections that send nothing or dribble their headers: a liveness probe still gets
/// its answer, and the endpoint closes them within seconds.
/// </summary>
public sealed class ControlEndpointFloodTests : IDisposable
{
    private const int IdleConnections = 200;
    private const int SlowConnections = 4;

    // The endpoint closes an idle or slow connection after 5 s; Kestrel checks once a second.
    private static readonly TimeSpan ClosedWithin = TimeSpan.FromSeconds(15);

    private readonly ConfigFixture _configs = new();
    private readonly TempDirectory _directory = new();
    private readonly ScoreboardFolder _scoreboard;
    private readonly ListenerSet _listeners = new(new ListenerBinder(new CollectingSink().CreateLogger(), TimeSpan.Zero), []);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<Socket> _sockets = [];
    private readonly int _port = FreePort.Next();

    public ControlEndpointFloodTests()
    {
        _scoreboard = new ScoreboardFolder(_directory.Combine("supervisor-1"));
    }

    public void Dispose()
    {
        _sockets.ForEach(s => s.Dispose());
        _http.Dispose();
        _listeners.Dispose();
        _scoreboard.Dispose();
        _directory.Dispose();
        _configs.Dispose();
    }

    private EndpointServer Start() => EndpointServer.StartIfConfigured(
        _configs.Valid($"app = \"./MyApp\"\ncontrol_bind = \"127.0.0.1:{_port}\"\n"),
        new ArbiterStats(DateTimeOffset.UtcNow), new EndpointFeed(_listeners, _scoreboard.Path), new CollectingSink().CreateLogger())!;

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        await socket.ConnectAsync(IPAddress.Loopback, _port);
        return socket;
    }

    /// <summary>True once the server has closed the connection (an end of stream or a reset), false at the deadline.</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket, CancellationToken deadline)
    {
        var buffer = new byte[1024];
        try
        {
            // A slow connection may get a 408 first; what counts is the close after it.
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends a request's start, then one byte of a header every 250 ms, never ending it, until the server closes.</summary>
    private static async Task<bool> DribbleAsync(Socket socket, CancellationToken deadline)
    {
        var closed = ClosedByServerAsync(socket, deadline);
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "), SocketFlags.None);
            while (!closed.IsCompleted && !deadline.IsCancellationRequested)
            {
                await socket.SendAsync("a"u8.ToArray(), SocketFlags.None);
                await Task.WhenAny(closed, Task.Delay(250, CancellationToken.None)); // the loop checks the deadline
            }
        }
        catch (SocketException)
        {
            // Closed under the send: the read says so too.
        }

        return await closed;
    }

    [Fact]
    public async Task HealthzAnswersWhileHundredsOfIdleAndSlowConnectionsAreOpen()
    {
        using var endpoint = Start();
        using var deadline = new CancellationTokenSource(ClosedWithin);
        for (var i = 0; i < IdleConnections; i++)
        {
            await ConnectAsync();
        }

        var slow = new List<Task<bool>>();
        for (var i = 0; i < SlowConnections; i++)
        {
            slow.Add(DribbleAsync(await ConnectAsync(), deadline.Token));
        }

        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_port}/healthz"));

        Assert.Equal((HttpStatusCode.OK, "ok\n"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        await deadline.CancelAsync();
        await Task.WhenAll(slow);
    }

    [Fact]
    public async Task IdleConnectionsAreClosedWithinSeconds()
    {
        using var endpoint = Start();
        using var deadline = new CancellationTokenSource(ClosedWithin);
        var closed = new List<Task<bool>>();
        for (var i = 0; i < IdleConnections; i++)
        {
            closed.Add(ClosedByServerAsync(await ConnectAsync(), deadline.Token));
        }

        Assert.Equal(IdleConnections, (await Task.WhenAll(closed)).Count(c => c));
    }

    [Fact]
    public async Task ClientsThatDribbleTheirHeadersAreClosedWithinSeconds()
    {
        using var endpoint = Start();
        using var deadline = new CancellationTokenSource(ClosedWithin);
        var slow = new List<Task<bool>>();
        for (var i = 0; i < SlowConnections; i++)
        {
            slow.Add(DribbleAsync(await ConnectAsync(), deadline.Token));
        }

        Assert.Equal(SlowConnections, (await Task.WhenAll(slow)).Count(c => c));
    }
}
