using Supervisor.ControlEndpoint;
using Supervisor.Tests.ControlEndpoint.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.ControlEndpoint;

public sealed class ControlTokenTests
{
    [Theory]
    [InlineData("Bearer s3cr3t", true)]
    [InlineData("bearer s3cr3t", true)]
    [InlineData("Bearer s3cr3t ", true)]
    [InlineData("Bearer s3cr3", false)]
    [InlineData("Bearer s3cr3tt", false)]
    [InlineData("Basic czNjcjN0", false)]
    [InlineData("s3cr3t", false)]
    [InlineData(null, false)]
    public void AllowsOnlyTheBearerToken(string? authorization, bool allowed) =>
        Assert.Equal(allowed, new ControlToken("s3cr3t").Allows(authorization));

    [Fact]
    public void IsReadFromItsFileWithoutTheLineEnd()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("token", "s3cr3t\n");

        Assert.True(ControlToken.Load(path)!.Allows("Bearer s3cr3t"));
        Assert.Null(ControlToken.Load(null));
    }

    [Fact]
    public void AMissingOrEmptyFileStopsTheMasterSayingWhich()
    {
        using var directory = new TempDirectory();
        var empty = directory.Write("token", " \n");
        var missing = directory.Combine("none");

        Assert.Equal($"Cannot start the control endpoint: cannot read control_token_file {empty}: it is empty", Assert.Throws<HaltException>(() => ControlToken.Load(empty)).Message);
        Assert.StartsWith($"Cannot start the control endpoint: cannot read control_token_file {missing}: Could not find file", Assert.Throws<HaltException>(() => ControlToken.Load(missing)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/status")]
    public void WithoutTheTokenMetricsAndStatusAre401(string path)
    {
        var answer = EndpointRoutes.Answer("GET", path, new FakeEndpointView(), authorized: false);

        Assert.Equal((401, "Bearer", "a token is required: send Authorization: Bearer TOKEN, with the token of control_token_file\n"), (answer.StatusCode, answer.Challenge, answer.Body));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public void TheProbesNeedNoToken(string path) =>
        Assert.Equal(200, EndpointRoutes.Answer("GET", path, new FakeEndpointView(), authorized: false).StatusCode);
}
