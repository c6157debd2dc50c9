using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Integration;

/// <summary>limit_request_line as Gunicorn counts it: the request line without its CRLF.</summary>
public sealed class RequestLineLimitTests
{
    [Fact]
    public async Task ALineOfExactlyTheLimitIsServedAndOneByteMoreGets414()
    {
        using var master = new FakeMaster();
        using var worker = master.StartWorker(0, new Dictionary<string, string?> { [ContractVariables.LimitRequestLine] = "4094" });
        await master.WaitForStateAsync(0, WorkerState.Ready, worker);

        var atLimit = await StatusLineAsync(master.Port, RequestLine(4094));
        var overLimit = await StatusLineAsync(master.Port, RequestLine(4095));

        Assert.Equal("HTTP/1.1 404 Not Found", atLimit);
        Assert.Equal("HTTP/1.1 414 URI Too Long", overLimit);
    }

    /// <summary>"GET /aaa... HTTP/1.1", exactly <paramref name="length"/> bytes.</summary>
    private static string RequestLine(int length)
    {
        const string method = "GET ", version = " HTTP/1.1";
        var line = method + "/" + new string('a', length - method.Length - version.Length - 1) + version;
        Assert.Equal(length, Encoding.ASCII.GetByteCount(line));
        return line;
    }

    private static async Task<string> StatusLineAsync(int port, string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await reader.ReadLineAsync(deadline.Token) ?? "";
    }
}
