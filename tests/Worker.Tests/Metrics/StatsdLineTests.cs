using System.Text;
using Supervisor.Worker.Metrics;

namespace Worker.Tests.Metrics;

/// <summary>Metrics are written as Gunicorn's statsd logger writes them.</summary>
public sealed class StatsdLineTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("shop", "shop.")]
    [InlineData("shop.", "shop.")]
    [InlineData("shop...", "shop.")]
    [InlineData("eu.shop", "eu.shop.")]
    public void ThePrefixEndsWithOneDotUnlessItIsEmpty(string prefix, string expected)
    {
        Assert.Equal(expected, StatsdLine.Prefix(prefix));
    }

    [Fact]
    public void ACounterCarriesTheSampleRateAsGunicornSendsIt()
    {
        Assert.Equal("shop.gunicorn.requests:1|c|@1.0", Text(StatsdLine.Counter("shop.", "gunicorn.requests", 1, "")));
    }

    [Fact]
    public void AGaugeIsItsValue()
    {
        Assert.Equal("gunicorn.workers:3|g", Text(StatsdLine.Gauge("", "gunicorn.workers", 3, "")));
    }

    [Theory]
    [InlineData(12_500, "12.5")]
    [InlineData(3_000, "3.0")]
    [InlineData(1_234, "1.234")]
    [InlineData(250_000_001, "250000.001")]
    public void ATimerIsInMillisecondsToTheMicrosecond(long microseconds, string expected)
    {
        Assert.Equal($"gunicorn.request.duration:{expected}|ms", Text(StatsdLine.Timer("", "gunicorn.request.duration", TimeSpan.FromMicroseconds(microseconds), "")));
    }

    [Fact]
    public void TagsComeLastAfterAHash()
    {
        Assert.Equal("gunicorn.log.error:1|c|@1.0|#env:prod,canary", Text(StatsdLine.Counter("", "gunicorn.log.error", 1, "env:prod,canary")));
    }

    private static string Text(byte[] datagram) => Encoding.ASCII.GetString(datagram);
}
