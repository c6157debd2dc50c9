using SampleApp.Auth;

namespace SampleApp.Tests.Auth;

public sealed class SessionTokensTests
{
    [Fact]
    public void TokensAreLongUrlSafeAndUnique()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => SessionTokens.NewToken()).ToList();
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer  abc ", "abc")]
    [InlineData("Basic abc", null)]
    [InlineData("Bearer ", null)]
    [InlineData(null, null)]
    public void TheTokenIsReadFromABearerHeaderOnly(string? header, string? token) => Assert.Equal(token, SessionTokens.FromHeader(header));

    [Fact]
    public void OnlyAHashIsStoredAndItIsStable() =>
        Assert.Equal(SessionTokens.HashOf("t"), SessionTokens.HashOf("t"));
}
