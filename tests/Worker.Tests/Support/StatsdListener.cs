using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.Worker.Metrics;
using Supervisor.Worker.Protocol;

namespace Worker.Tests.Support;

/// <summary>A statsd on a free loopback port: each datagram it receives, as text.</summary>
internal sealed class StatsdListener : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));

    public LogAddress Address => LogAddress.ParseStatsd($"127.0.0.1:{((IPEndPoint)_client.Client.LocalEndPoint!).Port}", out _)!;

    public StatsdSettings Settings(string prefix = "", string tags = "") => new(Address, prefix, tags);

    /// <summary>The next datagram; fails the test after ten seconds without one.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return Encoding.ASCII.GetString((await _client.ReceiveAsync(timeout.Token)).Buffer);
    }

    public void Dispose() => _client.Dispose();
}
