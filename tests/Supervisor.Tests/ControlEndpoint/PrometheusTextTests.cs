using Supervisor.ControlEndpoint;
using Supervisor.Tests.ControlEndpoint.Support;

namespace Supervisor.Tests.ControlEndpoint;

public sealed class PrometheusTextTests
{
    [Fact]
    public void WritesHelpAndTypeBeforeTheSamples()
    {
        var text = new PrometheusText()
            .Family("x_total", "counter", "Things.")
            .Sample("x_total", 3, ("kind", "a"))
            .Sample("x_total", 4, ("kind", "b"), ("size", "big"))
            .ToString();

        Assert.Equal("# HELP x_total Things.\n# TYPE x_total counter\nx_total{kind=\"a\"} 3\nx_total{kind=\"b\",size=\"big\"} 4\n", text);
    }

    [Fact]
    public void EscapesLabelValuesAndHelpSoTheyReadBack()
    {
        var text = new PrometheusText()
            .Family("x", "gauge", "A \\ backslash\nand a \"quote\".")
            .Sample("x", 1, ("path", "unix:/run/a \"b\"\\c\nd"))
            .ToString();

        var (families, samples) = PrometheusParser.Parse(text);
        Assert.Equal("A \\ backslash\nand a \"quote\".", families["x"].Help);
        Assert.Equal("unix:/run/a \"b\"\\c\nd", samples.Single().Label("path"));
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.0, "0")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatsFloatsAsPrometheusReadsThem(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Format(value));

    [Fact]
    public void WritesIntegersWithoutExponentOrSeparators() =>
        Assert.Equal("x 9007199254740993\n", new PrometheusText().Sample("x", 9007199254740993L).ToString());
}
