using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.Host;
using Supervisor.Worker.Metrics;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Host;

/// <summary>gunicorn.workers reaches statsd when the number of workers changes, as Gunicorn's arbiter sends it.</summary>
public sealed class WorkersGaugeTests : IDisposable
{
    private readonly UdpClient _statsd = new(new IPEndPoint(IPAddress.Loopback, 0));

    public void Dispose() => _statsd.Dispose();

    private StatsdSettings Settings(string prefix) =>
        new(LogAddress.ParseStatsd($"127.0.0.1:{((IPEndPoint)_statsd.Client.LocalEndPoint!).Port}", out _)!, prefix, "env:test");

    private async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString((await _statsd.ReceiveAsync(timeout.Token)).Buffer);
    }

    [Fact]
    public async Task ACountIsSentWhenItChangesAndAgainWhenAReloadChangesThePrefix()
    {
        var gauge = new WorkersGauge(Settings("shop"));

        gauge.Report(2);
        gauge.Report(2);
        gauge.Report(3);
        gauge.Apply(Settings("shop"));
        gauge.Apply(Settings("orders"));
        gauge.Report(3);

        Assert.Equal("shop.gunicorn.workers:2|g|#env:test", await NextAsync());
        Assert.Equal("shop.gunicorn.workers:3|g|#env:test", await NextAsync());
        Assert.Equal("orders.gunicorn.workers:3|g|#env:test", await NextAsync());
    }
}
