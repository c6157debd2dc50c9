using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Tests.Configuration;

public sealed class KeySuggesterTests
{
    [Theory]
    [InlineData("wrokers", "workers")]
    [InlineData("worker", "workers")]
    [InlineData("Workers", "workers")]
    [InlineData("time_out", "timeout")]
    [InlineData("keep_alive", "keepalive")]
    [InlineData("graceful-timeout", "graceful_timeout")]
    [InlineData("max_request_jitter", "max_requests_jitter")]
    [InlineData("access_log", "accesslog")]
    public void SuggestsTheNearestKey(string typo, string expected)
    {
        Assert.Equal(expected, KeySuggester.Suggest(typo, Settings.All.Select(s => s.Key)));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("database_url")]
    public void SuggestsNothingWhenNothingIsClose(string unknown)
    {
        Assert.Null(KeySuggester.Suggest(unknown, Settings.All.Select(s => s.Key)));
    }

    [Fact]
    public void ASwapOfNeighboursIsOneEdit()
    {
        Assert.Equal(1, KeySuggester.Distance("wrokers", "workers"));
    }
}
