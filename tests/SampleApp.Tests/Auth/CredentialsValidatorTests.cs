using SampleApp.Api;
using SampleApp.Auth;

namespace SampleApp.Tests.Auth;

public sealed class CredentialsValidatorTests
{
    [Fact]
    public void NothingGivenNamesBothFields()
    {
        var errors = CredentialsValidator.Check(null, registering: true);
        Assert.Equal(["Enter your email address."], errors["email"]);
        Assert.Equal(["Enter a password."], errors["password"]);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("a@b@example.com")]
    [InlineData("ada @example.com")]
    public void AnAddressThatIsNotOneIsRefused(string email) =>
        Assert.Equal(["Enter an email address such as ada@example.com."], CredentialsValidator.Check(new Credentials(email, "long enough password"), registering: true)["email"]);

    [Fact]
    public void RegistrationNeedsTenToAHundredAndTwentyEightCharacters()
    {
        Assert.Equal(["Use at least 10 characters."], CredentialsValidator.Check(new Credentials("a@b.co", "short"), registering: true)["password"]);
        Assert.Equal(["Use at most 128 characters."], CredentialsValidator.Check(new Credentials("a@b.co", new string('x', 129)), registering: true)["password"]);
        Assert.Empty(CredentialsValidator.Check(new Credentials(" Ada@Example.com ", "0123456789"), registering: true));
    }

    [Fact]
    public void LoginDoesNotTellTheLengthRule() =>
        Assert.Empty(CredentialsValidator.Check(new Credentials("a@b.co", "short"), registering: false));

    [Fact]
    public void EmailsAreComparedTrimmedAndLowerCased() => Assert.Equal("ada@example.com", CredentialsValidator.Normalize(" Ada@Example.COM "));
}
