using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Integration.Support;

namespace Integration;

/// <summary>
/// bench/LoadClient for real: the built loadclient against a server scripted in the test, one behaviour each, and
/// the RESULT line it prints.
/// </summary>
public sealed class LoadClientTests
{
    private static readonly string[] ResultKeys =
    [
        "mode", "clients", "seconds", "sent", "ok", "failed", "connect", "reset", "status", "timeout", "other", "idle_closed",
        "connections", "p50_ms", "p99_ms",
    ];

    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello");

    private static readonly byte[] OkChunked = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;part=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n");

    private static readonly byte[] OkUntilClose = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nthe body ends at the close");

    private static readonly byte[] NotHttp = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2\r\n\r\n");

    private static readonly byte[] Unavailable = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");

    private static string Executable => Binaries.LoadClient;

    [Fact]
    public async Task KeepAliveAgainstAHealthyServerIsAllOkOnOneConnectionPerClient()
    {
        await using var server = ScriptedServer.Start(_ => Ok);

        var run = await RunAsync(server, "keepalive", clients: 3);

        Assert.Equal(ResultKeys, run.Keys);
        Assert.Equal("keepalive", run.Text("mode"));
        Assert.Equal(3, run["clients"]);
        Assert.True(run["ok"] > 0, run.Output);
        Assert.Equal(run["sent"], run["ok"]);
        Assert.Equal(0, run["failed"]);
        Assert.Equal(0, run["idle_closed"]);
        Assert.Equal(3, run["connections"]);
        Assert.Equal(run["sent"], server.Requests);
        Assert.True(run.Number("seconds") >= 1, run.Output);
        Assert.True(run.Number("p50_ms") > 0 && run.Number("p99_ms") >= run.Number("p50_ms"), run.Output);
        Assert.StartsWith($"GET /ping?q=1 HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\n", server.LastRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection:", server.LastRequest, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AKeptAliveConnectionClosedWhileIdleIsRetriedNotFailed()
    {
        await using var server = ScriptedServer.Start(_ => OkChunked, closeAfter: 3);

        var run = await RunAsync(server, "keepalive", clients: 2, verbose: true);

        Assert.True(run["idle_closed"] > 0, run.Output);
        Assert.Contains(", after 3 responses\n", run.Output + "\n", StringComparison.Ordinal);
        Assert.DoesNotContain(" reset: ", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, run["failed"]);
        // Every connection but each client's last was given up after its three responses, and no response was lost.
        Assert.InRange(run["idle_closed"], run["connections"] - 2, run["connections"]);
        Assert.True(run["ok"] >= 3 * run["idle_closed"], run.Output);
        Assert.True(run["ok"] <= 3 * run["connections"], run.Output);
    }

    [Fact]
    public async Task AConnectionClosedWithoutAnAnswerIsAResetInCloseMode()
    {
        await using var server = ScriptedServer.Start(_ => null);

        var run = await RunAsync(server, "close", clients: 2, verbose: true);

        Assert.Equal("close", run.Text("mode"));
        Assert.True(run["reset"] > 0, run.Output);
        Assert.Equal(run["reset"], run["failed"]);
        Assert.Equal(run["sent"], run["reset"]);
        Assert.Equal(run["sent"], run["connections"]);
        Assert.Equal(0, run["ok"]);
        Assert.Equal(0, run["idle_closed"]);
        Assert.Contains("Connection: close\r\n", server.LastRequest, StringComparison.Ordinal);
        Assert.Contains(" reset: closed by the server after the request was sent (0 bytes of the response, fresh connection)", run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A503IsAStatusFailureOnAConnectionThatStaysOpen()
    {
        await using var server = ScriptedServer.Start(_ => Unavailable);

        var run = await RunAsync(server, "keepalive", clients: 2);

        Assert.True(run["status"] > 0, run.Output);
        Assert.Equal(run["status"], run["failed"]);
        Assert.Equal(run["sent"], run["status"]);
        Assert.Equal(0, run["ok"]);
        Assert.Equal(2, run["connections"]);
        Assert.Equal("0.00", run.Text("p50_ms"));
    }

    [Fact]
    public async Task ABodyWithoutALengthEndsAtTheCloseAndIsOk()
    {
        await using var server = ScriptedServer.Start(_ => OkUntilClose, closeAfter: 1);

        var run = await RunAsync(server, "keepalive", clients: 2);

        Assert.True(run["ok"] > 0, run.Output);
        Assert.Equal(0, run["failed"]);
        Assert.Equal(0, run["idle_closed"]);
        Assert.Equal(run["ok"], run["connections"]);
    }

    [Fact]
    public async Task AnAnswerThatIsNotHttpIsOther()
    {
        await using var server = ScriptedServer.Start(_ => NotHttp);

        var run = await RunAsync(server, "keepalive", clients: 1, verbose: true);

        Assert.True(run["other"] > 0, run.Output);
        Assert.Equal(run["sent"], run["other"]);
        Assert.Equal(run["other"], run["failed"]);
        Assert.Contains(" other: the status line or a header is not HTTP/1.x", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnansweredRequestTimesOutAndTheLastAttemptIsLetFinish()
    {
        await using var server = ScriptedServer.Start(_ => []);

        var run = await RunAsync(server, "keepalive", clients: 2, duration: "0.5", timeout: "0.3");

        Assert.True(run["timeout"] >= 2, run.Output);
        Assert.Equal(run["timeout"], run["failed"]);
        Assert.Equal(run["timeout"], run["connections"]);
        Assert.Equal(0, run["ok"]);
        // Each client's attempt under way at 0.5 s ends at its timeout, not at once and not later.
        Assert.InRange(run.Number("seconds"), 0.55, 1.5);
    }

    [Fact]
    public async Task NoClientsIsAUsageErrorThatSaysWhatToGive()
    {
        await using var client = OwnedProcess.Start(Executable, ["--url", "http://127.0.0.1:9/", "--clients", "0"]);

        Assert.Equal(2, await client.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(
            ["loadclient: error: --clients must be a whole number of at least 1, but is '0'; give the number of concurrent clients, as in --clients 4."],
            client.Lines);
    }

    private static Task<LoadClientRun> RunAsync(ScriptedServer server, string mode, int clients, string duration = "1",
        string timeout = "5", bool verbose = false) =>
        LoadClientRun.Start($"http://127.0.0.1:{server.Port}/ping?q=1", mode, clients, duration, timeout, verbose).FinishAsync();

    /// <summary>
    /// A server on 127.0.0.1 that answers the nth request on each connection as its script says: bytes to send,
    /// null to close without answering, or nothing (an empty answer) to leave the request unanswered.
    /// </summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<int, byte[]?> _script;
        private readonly int _closeAfter;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentBag<Socket> _sockets = [];
        private readonly ConcurrentBag<Task> _connections = [];
        private readonly Task _accepting;
        private int _requests;
        private string _lastRequest = "";

        private ScriptedServer(Func<int, byte[]?> script, int closeAfter)
        {
            _script = script;
            _closeAfter = closeAfter;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Requests => Volatile.Read(ref _requests);

        public string LastRequest => Volatile.Read(ref _lastRequest);

        /// <param name="closeAfter">Close each connection after this many responses; 0 keeps it open.</param>
        public static ScriptedServer Start(Func<int, byte[]?> script, int closeAfter = 0) => new(script, closeAfter);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            await Task.WhenAll([_accepting, .. _connections]).WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    _sockets.Add(socket);
                    _connections.Add(Task.Run(() => ServeAsync(socket)));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            var buffer = new byte[4096];
            try
            {
                for (var number = 1; ; number++)
                {
                    var request = await ReadRequestAsync(socket, buffer);
                    if (request is null)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    Volatile.Write(ref _lastRequest, request);
                    var answer = _script(number);
                    if (answer is null)
                    {
                        return;
                    }

                    await socket.SendAsync(answer, SocketFlags.None, _stop.Token);
                    if (number == _closeAfter || request.Contains("Connection: close", StringComparison.OrdinalIgnoreCase))
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the test is over.
            }
            finally
            {
                socket.Dispose();
            }
        }

        /// <summary>The next request's head, with its empty line; null when the client closed.</summary>
        private async Task<string?> ReadRequestAsync(Socket socket, byte[] buffer)
        {
            var length = 0;
            while (true)
            {
                var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    return Encoding.ASCII.GetString(buffer, 0, end + 4);
                }

                var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return null;
                }

                length += read;
            }
        }
    }
}
