using SampleApp.Auth;

namespace SampleApp.Tests.Auth;

public sealed class PasswordHasherTests
{
    [Fact]
    public void AHashVerifiesItsPasswordOnly()
    {
        var hash = PasswordHasher.Hash("correct horse battery");
        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterY", hash));
    }

    [Fact]
    public void EachHashHasItsOwnSaltAndRecordsTheAlgorithmAndIterations()
    {
        var first = PasswordHasher.Hash("same password");
        var second = PasswordHasher.Hash("same password");
        Assert.NotEqual(first, second);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHasher.Iterations}$", first, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Iterations >= 600_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("bcrypt$10$x$y")]
    public void AStoredValueOfAnotherFormNeverVerifies(string stored) => Assert.False(PasswordHasher.Verify("x", stored));
}
