using Supervisor.Status;

namespace Supervisor.Tests.Status;

public sealed class OldestRequestTests
{
    [Fact]
    public void SplitsTheLineAndHidesSecretValues() =>
        Assert.Equal(
            new OldestRequest("POST", "/login", "next=/home&password=REDACTED", "10.0.0.7:5000", TimeSpan.FromMilliseconds(1500)),
            OldestRequest.From("POST /login?next=/home&password=pw", "10.0.0.7:5000", startMs: 1000, nowMs: 2500, textConsistent: true));

    [Fact]
    public void NoStartIsNoRequest() =>
        Assert.Null(OldestRequest.From("", "", startMs: 0, nowMs: 2500, textConsistent: true));

    [Fact]
    public void TextThatKeptChangingIsNotShown()
    {
        var oldest = OldestRequest.From("GET /a?token=half-writ", "1.2.3.4:5", startMs: 1000, nowMs: 2000, textConsistent: false);

        Assert.Equal("(changing)", oldest?.Line);
    }

    [Theory]
    [InlineData("GET /a?b=1", "GET /a?b=1")]
    [InlineData("GET /a", "GET /a")]
    [InlineData("GET /a?", "GET /a")]
    public void ItsLineIsMethodPathAndQuery(string line, string shown) =>
        Assert.Equal(shown, OldestRequest.From(line, "", 1, 2, true)?.Line);
}
