using Supervisor.Configuration.Catalogue;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>statsd_host, statsd_prefix and dogstatsd_tags, as Gunicorn reads them.</summary>
public sealed class StatsdSettingsTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void StatsdIsOffByDefault()
    {
        var config = _fixture.Valid(App);

        Assert.Null(config.Get(Settings.StatsdHost));
        Assert.Null(config.LogSettings.Statsd);
    }

    [Fact]
    public void TheMasterSendsWithTheSettingsItsWorkersGet()
    {
        var config = _fixture.Valid(App + "statsd_host = \"statsd.internal\"\nstatsd_prefix = \"shop.\"\ndogstatsd_tags = \"env:prod,canary\"");

        var statsd = config.LogSettings.Statsd!;

        Assert.Equal("udp://statsd.internal:8125", statsd.Address.ToString());
        Assert.Equal("shop.", statsd.Prefix);
        Assert.Equal("env:prod,canary", statsd.Tags);
    }

    [Theory]
    [InlineData("unix:/run/statsd.sock", "unix:///run/statsd.sock")]
    [InlineData("unix:///run/statsd.sock", "unix:///run/statsd.sock")]
    [InlineData("127.0.0.1:9125", "udp://127.0.0.1:9125")]
    public void AUnixSocketIsWrittenEitherWayAsGunicornAllows(string host, string address)
    {
        Assert.Equal(address, _fixture.Valid(App + $"statsd_host = \"{host}\"").LogSettings.Statsd!.Address.ToString());
    }

    [Theory]
    [InlineData("statsd_host = \"udp://statsd:8125\"", "statsd_host = \"udp://statsd:8125\" is not valid: expected HOST:PORT, unix://PATH or unix:PATH")]
    [InlineData("statsd_host = \"statsd:eighty\"", "statsd_host = \"statsd:eighty\" is not valid: expected HOST:PORT, unix://PATH or unix:PATH: the port 'eighty' is not a number from 1 to 65535")]
    [InlineData("statsd_host = \"unix:statsd.sock\"", "statsd_host = \"unix:statsd.sock\" is not valid: expected HOST:PORT, unix://PATH or unix:PATH with an absolute PATH")]
    [InlineData("statsd_prefix = \"my app\"", "statsd_prefix = \"my app\" is not valid: expected printable ASCII without spaces, ':' or '|', as statsd's line format allows in a name")]
    [InlineData("dogstatsd_tags = \"env:prod|x\"", "dogstatsd_tags = \"env:prod|x\" is not valid: expected comma-separated tags (TAG or KEY:VALUE) of printable ASCII without spaces or '|'")]
    public void AValueStatsdCannotUseIsRefusedSayingWhatItMayBe(string line, string expected)
    {
        Assert.EndsWith(expected, Assert.Single(_fixture.Problems(App + line)), StringComparison.Ordinal);
    }
}
