using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Tests.Configuration;

public sealed class ConfigPrinterTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void PrintsEverySettingSortedByKey()
    {
        var lines = ConfigPrinter.Lines(_fixture.Valid("app = \"./MyApp\"")).ToList();

        var keys = lines.Select(l => l[..l.IndexOf(" = ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(Settings.All.Select(s => s.Key).Order(StringComparer.Ordinal), keys);
        Assert.Contains("workers = 1", lines);
        Assert.Contains("bind = [\"127.0.0.1:8000\"]", lines);
        Assert.Contains("pidfile = \"\"", lines);
    }

    [Fact]
    public void ThePrintedConfigurationReadsBackAsTheSameConfiguration()
    {
        var original = _fixture.Valid("""
            app = ["dotnet", "a b.dll"]
            workers = "auto"
            bind = ["[::1]:9000", "unix:x.sock"]
            accesslog = "-"
            access_log_format = '%(h)s "%(r)s" \ %(s)s'
            max_requests = 10
            max_requests_jitter = 3
            """);

        var printed = string.Join("\n", ConfigPrinter.Lines(original));
        var reread = _fixture.Valid(printed);

        Assert.Equal(ConfigPrinter.Lines(original), ConfigPrinter.Lines(reread));
    }

    [Fact]
    public void CaptureOutputWithTheErrorLogOnStderrIsPrintedAsIgnored()
    {
        var toStderr = ConfigPrinter.Lines(_fixture.Valid("app = \"./MyApp\"\ncapture_output = true")).ToList();
        var toFile = ConfigPrinter.Lines(_fixture.Valid("app = \"./MyApp\"\ncapture_output = true\nerrorlog = \"error.log\"")).ToList();

        Assert.Contains("capture_output = true  # ignored: with errorlog = \"-\" the workers' output is on stderr already", toStderr);
        Assert.Contains("capture_output = true", toFile);
    }

    [Fact]
    public void AJitterWithoutRecyclingIsPrintedAsIgnored()
    {
        var config = _fixture.Valid("app = \"./MyApp\"\nmax_requests_jitter = 5");

        var printed = ConfigPrinter.Lines(config).ToList();

        Assert.Contains("max_requests_jitter = 5  # ignored: max_requests = 0 turns recycling off", printed);
        Assert.Contains("max_requests = 0", printed);
        Assert.Equal(ConfigPrinter.Lines(config), ConfigPrinter.Lines(_fixture.Valid(string.Join("\n", printed))));
    }
}
