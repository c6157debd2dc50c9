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

    [Fact]
    public async Task ACountThatCouldNotGoIsSentOnceStatsdIsThereEvenIfItNeverChanges()
    {
        var path = Path.Combine(Path.GetTempPath(), $"supervisor-late-statsd-{Guid.NewGuid():N}.sock");
        var gauge = new WorkersGauge(new StatsdSettings(LogAddress.ParseStatsd("unix:" + path, out _)!, "", ""));
        gauge.Report(2);

        using var statsd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        statsd.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            // The arbiter reports on every pass of its loop; the sender reconnects in the background, once a second.
            var buffer = new byte[512];
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var receive = statsd.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).AsTask();
            while (!receive.IsCompleted)
            {
                gauge.Report(2);
                await Task.WhenAny(receive, Task.Delay(50, deadline.Token));
            }

            Assert.Equal("gunicorn.workers:2|g", Encoding.ASCII.GetString(buffer, 0, await receive));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
