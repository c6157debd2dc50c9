using Supervisor.Commands.Control;

namespace Supervisor.Tests.Commands.Control;

public sealed class ScaleChangeTests
{
    [Theory]
    [InlineData("+1", 1, "TTIN")]
    [InlineData("+12", 12, "TTIN")]
    [InlineData("-1", -1, "TTOU")]
    [InlineData("-3", -3, "TTOU")]
    public void ASignedNumberIsAChangeSentAsTtinOrTtou(string text, int delta, string signal)
    {
        Assert.True(ScaleChange.TryParse(text, out var change, out _));
        Assert.Equal(delta, change.Delta);
        Assert.Equal(Math.Abs(delta), change.Steps);
        Assert.Equal(signal, change.Signal.Name);
        Assert.Equal(text, change.ToString());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("+two")]
    [InlineData("+1.5")]
    [InlineData("++1")]
    [InlineData("+ 1")]
    [InlineData("+99999999999")]
    [InlineData("+10001")]
    public void AnythingElseIsRefusedAskingForASign(string text)
    {
        Assert.False(ScaleChange.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a change in the number of workers: give a signed whole number, as in +2 or -1.", error);
    }

    [Theory]
    [InlineData("+0")]
    [InlineData("-0")]
    [InlineData("-00")]
    public void ZeroIsRefusedAsChangingNothing(string text)
    {
        Assert.False(ScaleChange.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' changes nothing: give a non-zero number of workers to add or remove, as in +2 or -1.", error);
    }
}
