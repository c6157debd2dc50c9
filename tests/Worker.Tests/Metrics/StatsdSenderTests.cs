using System.Net.Sockets;
using Supervisor.Worker.Metrics;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Metrics;

/// <summary>Metrics go to a real statsd one datagram each, and a statsd that is not there never fails the caller.</summary>
public sealed class StatsdSenderTests
{
    [Fact]
    public async Task EachMetricIsOneDatagramWithThePrefixAndTags()
    {
        using var statsd = new StatsdListener();
        using var sender = new StatsdSender(statsd.Settings("shop", "env:prod"));

        sender.Increment(MetricNames.Requests);
        sender.Gauge(MetricNames.Workers, 4);
        sender.Timer(MetricNames.RequestDuration, TimeSpan.FromMilliseconds(7));

        Assert.Equal("shop.gunicorn.requests:1|c|@1.0|#env:prod", await statsd.NextAsync());
        Assert.Equal("shop.gunicorn.workers:4|g|#env:prod", await statsd.NextAsync());
        Assert.Equal("shop.gunicorn.request.duration:7.0|ms|#env:prod", await statsd.NextAsync());
        Assert.Equal(0, sender.Dropped);
    }

    [Fact]
    public async Task LocalhostIsTheIPv4LoopbackWhereAStatsdListensAsGunicornsDoes()
    {
        using var statsd = new StatsdListener();
        var port = statsd.Address.Port;
        using var sender = new StatsdSender(new StatsdSettings(LogAddress.ParseStatsd($"localhost:{port}", out _)!, "", ""));

        sender.Increment(MetricNames.Requests);

        Assert.Equal("gunicorn.requests:1|c|@1.0", await statsd.NextAsync());
    }

    [Fact]
    public void AUnixSocketWithNobodyBehindItDropsTheMetricsWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"supervisor-no-statsd-{Guid.NewGuid():N}.sock");
        using var sender = new StatsdSender(new StatsdSettings(new LogAddress(SocketType.Dgram, "", 0, path), "", ""));

        sender.Increment(MetricNames.Requests);
        sender.Increment(MetricNames.Requests);

        Assert.Equal(2, sender.Dropped);
    }

    [Fact]
    public async Task AUnixDatagramSocketIsServedToo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"supervisor-statsd-{Guid.NewGuid():N}.sock");
        using var statsd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        statsd.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var sender = new StatsdSender(new StatsdSettings(LogAddress.ParseStatsd("unix:" + path, out _)!, "", ""));

            sender.Gauge(MetricNames.Workers, 2);

            var buffer = new byte[512];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var length = await statsd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.Equal("gunicorn.workers:2|g", System.Text.Encoding.ASCII.GetString(buffer, 0, length));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
