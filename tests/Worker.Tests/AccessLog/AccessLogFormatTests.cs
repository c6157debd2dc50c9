using Supervisor.Worker.AccessLog;

namespace Worker.Tests.AccessLog;

public sealed class AccessLogFormatTests
{
    private static AccessLogFormat Parse(string format) =>
        AccessLogFormat.Parse(format, name => name == "STAGE" ? "prod" : null);

    [Theory]
    [InlineData("h", nameof(Atom.RemoteAddress))]
    [InlineData("l", nameof(Atom.Dash))]
    [InlineData("u", nameof(Atom.User))]
    [InlineData("t", nameof(Atom.Time))]
    [InlineData("r", nameof(Atom.RequestLine))]
    [InlineData("m", nameof(Atom.Method))]
    [InlineData("U", nameof(Atom.Path))]
    [InlineData("q", nameof(Atom.Query))]
    [InlineData("H", nameof(Atom.Protocol))]
    [InlineData("s", nameof(Atom.Status))]
    [InlineData("B", nameof(Atom.Bytes))]
    [InlineData("b", nameof(Atom.BytesOrDash))]
    [InlineData("f", nameof(Atom.Referer))]
    [InlineData("a", nameof(Atom.UserAgent))]
    [InlineData("T", nameof(Atom.Seconds))]
    [InlineData("M", nameof(Atom.Milliseconds))]
    [InlineData("D", nameof(Atom.Microseconds))]
    [InlineData("L", nameof(Atom.DecimalSeconds))]
    [InlineData("p", nameof(Atom.ProcessId))]
    public void KnowsEverySingleLetterAtom(string name, string atom)
    {
        var format = Parse($"%({name})s");

        Assert.Equal([new FormatPart(Enum.Parse<Atom>(atom))], format.Parts.ToArray());
        Assert.Empty(format.Problems.ToArray());
    }

    [Fact]
    public void SingleLetterAtomsAreCaseSensitiveAsInGunicorn()
    {
        Assert.Equal(Atom.Bytes, Parse("%(B)s").Parts[0].Atom);
        Assert.Equal(Atom.BytesOrDash, Parse("%(b)s").Parts[0].Atom);
        Assert.Equal(Atom.Unknown, Parse("%(S)s").Parts[0].Atom);
    }

    [Fact]
    public void HeaderAtomsKeepTheNameInLowerCase()
    {
        var format = Parse("%({X-Request-Id}i)s %({Content-Type}o)s");

        Assert.Equal(new FormatPart(Atom.RequestHeader, "x-request-id"), format.Parts[0]);
        Assert.Equal(new FormatPart(Atom.ResponseHeader, "content-type"), format.Parts[2]);
    }

    [Fact]
    public void EnvironmentAtomsAreReadOnceWhenParsed()
    {
        var format = Parse("%({STAGE}e)s %({MISSING}e)s");

        Assert.Equal(new FormatPart(Atom.Environment, "STAGE", "prod"), format.Parts[0]);
        Assert.Equal(new FormatPart(Atom.Environment, "MISSING", null), format.Parts[2]);
    }

    [Fact]
    public void TextBetweenAtomsIsKeptAsLiterals()
    {
        var format = Parse("[%(h)s] \"%(r)s\" end");

        Assert.Equal(
            [
                new FormatPart(Atom.Literal, "["), new FormatPart(Atom.RemoteAddress), new FormatPart(Atom.Literal, "] \""),
                new FormatPart(Atom.RequestLine), new FormatPart(Atom.Literal, "\" end"),
            ],
            format.Parts.ToArray());
    }

    [Fact]
    public void TheDefaultFormatHasNineAtomsAndNoProblem()
    {
        var format = Parse(Supervisor.Worker.Protocol.WorkerContract.DefaultAccessLogFormat);

        Assert.Equal(
            [Atom.RemoteAddress, Atom.Dash, Atom.User, Atom.Time, Atom.RequestLine, Atom.Status, Atom.BytesOrDash, Atom.Referer, Atom.UserAgent],
            format.Parts.Where(p => p.Atom != Atom.Literal).Select(p => p.Atom));
        Assert.Empty(format.Problems.ToArray());
    }

    [Fact]
    public void DoublePercentIsOnePercentSignAsInPython()
    {
        var format = Parse("100%% %(s)s%%");

        Assert.Equal([new FormatPart(Atom.Literal, "100% "), new FormatPart(Atom.Status), new FormatPart(Atom.Literal, "%")], format.Parts.ToArray());
        Assert.Empty(format.Problems.ToArray());
    }

    [Fact]
    public void TheDecimalConversionsAreAcceptedLikeS()
    {
        Assert.Equal([new FormatPart(Atom.Status), new FormatPart(Atom.Literal, " "), new FormatPart(Atom.Bytes)], Parse("%(s)d %(B)i").Parts.ToArray());
    }

    [Fact]
    public void AnUnknownAtomIsWrittenAsADashAndReported()
    {
        var format = Parse("%(x)s %({x-id}z)s");

        Assert.Equal(new FormatPart(Atom.Unknown, "x"), format.Parts[0]);
        Assert.Equal(new FormatPart(Atom.Unknown, "{x-id}z"), format.Parts[2]);
        Assert.Equal(
            ["Unknown atom \"%(x)s\": it is written as \"-\".", "Unknown atom \"%({x-id}z)s\": it is written as \"-\"."],
            format.Problems.ToArray());
    }

    [Fact]
    public void ALonePercentIsKeptAsTextAndReported()
    {
        var format = Parse("50% %(s)s %");

        Assert.Equal([new FormatPart(Atom.Literal, "50% "), new FormatPart(Atom.Status), new FormatPart(Atom.Literal, " %")], format.Parts.ToArray());
        Assert.Equal(
            [
                "The \"%\" at position 2 starts no \"%(name)s\" (write \"%%\" for a percent sign); it is kept as text.",
                "The \"%\" at position 10 starts no \"%(name)s\" (write \"%%\" for a percent sign); it is kept as text.",
            ],
            format.Problems.ToArray());
    }

    [Fact]
    public void AnUnclosedAtomIsKeptAsTextAndReported()
    {
        var format = Parse("%(h)s %(r");

        Assert.Equal([new FormatPart(Atom.RemoteAddress), new FormatPart(Atom.Literal, " %(r")], format.Parts.ToArray());
        Assert.Equal(["\"%(r\" has no closing \")\"; it is kept as text."], format.Problems.ToArray());
    }

    [Fact]
    public void AnAtomWithoutItsConversionIsKeptAsTextAndReported()
    {
        var format = Parse("%(h) %(s)x %(a)");

        Assert.Equal([new FormatPart(Atom.Literal, "%(h) %(s)x %(a)")], format.Parts.ToArray());
        Assert.Equal(
            [
                "\"%(h)\" is not followed by the conversion \"s\"; it is kept as text.",
                "\"%(s)\" is not followed by the conversion \"s\"; it is kept as text.",
                "\"%(a)\" is not followed by the conversion \"s\"; it is kept as text.",
            ],
            format.Problems.ToArray());
    }

    [Fact]
    public void AnEmptyFormatHasNoParts()
    {
        Assert.Empty(Parse("").Parts.ToArray());
    }
}
