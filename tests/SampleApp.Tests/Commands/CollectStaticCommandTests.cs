using SampleApp.Commands;

namespace SampleApp.Tests.Commands;

public sealed class CollectStaticCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("collectstatic-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public void CopiesEveryFileKeepingFolders()
    {
        var source = Path.Combine(_folder, "wwwroot");
        Directory.CreateDirectory(Path.Combine(source, "css"));
        File.WriteAllText(Path.Combine(source, "index.html"), "<html>");
        File.WriteAllText(Path.Combine(source, "css", "site.css"), "body{}");
        var target = Path.Combine(_folder, "static");

        Assert.Equal(0, CollectStaticCommand.Run(["--output", target], source, _output, _error));
        Assert.Equal("body{}", File.ReadAllText(Path.Combine(target, "css", "site.css")));
        Assert.Equal($"collectstatic: copied 2 static files from '{source}' to '{target}'.{Environment.NewLine}", _output.ToString());
    }

    [Fact]
    public void WithoutOutputItSaysHowToCallIt()
    {
        Assert.Equal(1, CollectStaticCommand.Run([], _folder, _output, _error));
        Assert.Equal("collectstatic: say where to copy the static files: collectstatic --output DIR." + Environment.NewLine, _error.ToString());
    }

    [Fact]
    public void AMissingSourceSaysToPublishAgain()
    {
        var source = Path.Combine(_folder, "nowhere");
        Assert.Equal(1, CollectStaticCommand.Run(["--output", _folder], source, _output, _error));
        Assert.Equal($"collectstatic: there are no static files at '{source}'; publish the app again (its wwwroot folder is missing).{Environment.NewLine}", _error.ToString());
    }

    [Fact]
    public void AnUnknownArgumentSaysWhatTheCommandTakes() =>
        Assert.Equal("collectstatic: unknown argument '--out'; it takes --output VALUE.",
            Assert.Throws<FormatException>(() => CollectStaticCommand.Run(["--out", "x"], _folder, _output, _error)).Message);
}
