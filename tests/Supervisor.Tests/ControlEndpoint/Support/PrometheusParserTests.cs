namespace Supervisor.Tests.ControlEndpoint.Support;

/// <summary>The test's reader must reject what Prometheus rejects, or the metrics tests prove nothing.</summary>
public sealed class PrometheusParserTests
{
    private const string Family = "# HELP a_total A help.\n# TYPE a_total counter\n";

    [Fact]
    public void ReadsFamiliesSamplesAndEscapedLabels()
    {
        var (families, samples) = PrometheusParser.Parse(Family + "a_total{x=\"q\\\"}\\\\\\n\",y=\"2\"} 3\na_total 4.5\n");

        Assert.Equal(new PrometheusFamily("a_total", "A help.", "counter"), families["a_total"]);
        Assert.Equal("q\"}\\\n", samples[0].Label("x"));
        Assert.Equal("2", samples[0].Label("y"));
        Assert.Equal(3, samples[0].Value);
        Assert.Equal(4.5, samples[1].Value);
    }

    [Theory]
    [InlineData("a_total 1\n")] // no HELP or TYPE
    [InlineData("# HELP a_total A help.\na_total 1\n")] // no TYPE
    [InlineData("# TYPE a_total counter\n# HELP a_total A help.\na_total 1\n")] // TYPE before HELP
    [InlineData(Family + "a_total one\n")] // not a number
    [InlineData(Family + "a_total{1x=\"a\"} 1\n")] // label name
    [InlineData(Family + "a_total{__x=\"a\"} 1\n")] // reserved label name
    [InlineData(Family + "a_total{x=\"a\" y=\"b\"} 1\n")] // no comma
    [InlineData(Family + "a_total{x=\"a\",x=\"b\"} 1\n")] // repeated label
    [InlineData(Family + "a_total 1\na_total 2\n")] // repeated series
    [InlineData(Family + "a_total 1")] // no final newline
    [InlineData(Family + "# TYPE a_total gauge\n")] // TYPE twice
    [InlineData("# HELP 1a A help.\n# TYPE 1a gauge\n1a 1\n")] // metric name
    [InlineData(Family + "# HELP b B.\n# TYPE b gauge\nb 1\na_total 1\n")] // family not contiguous
    [InlineData(Family + "a_total{x=\"\\t\"} 1\n")] // unknown escape
    public void RejectsWhatTheFormatDoesNotAllow(string text) =>
        Assert.Throws<FormatException>(() => PrometheusParser.Parse(text));
}
