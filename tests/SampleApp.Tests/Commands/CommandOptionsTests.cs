using SampleApp.Commands;

namespace SampleApp.Tests.Commands;

public sealed class CommandOptionsTests
{
    [Fact]
    public void ATimeoutMustBeWholeSeconds() =>
        Assert.Equal("migrate: --timeout 'soon' is not valid: expected whole seconds from 1 to 3600.",
            Assert.Throws<FormatException>(() => CommandOptions.Parse("migrate", ["--timeout", "soon"], ["--timeout"]).Seconds("migrate", "--timeout", 60)).Message);

    [Fact]
    public void AnOptionWithoutItsValueSaysSo() =>
        Assert.Equal("migrate: --timeout needs a value.",
            Assert.Throws<FormatException>(() => CommandOptions.Parse("migrate", ["--timeout"], ["--timeout"])).Message);

    [Fact]
    public void NoValueGivenMeansTheDefault() =>
        Assert.Equal(TimeSpan.FromSeconds(60), CommandOptions.Parse("migrate", [], ["--timeout"]).Seconds("migrate", "--timeout", 60));
}
