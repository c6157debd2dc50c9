using Supervisor.Host;
using Supervisor.Tests.Configuration;

namespace Supervisor.Tests.Host;

/// <summary>What reload watches: the app's main file and its folder's build outputs, and reload_extra_files.</summary>
public sealed class WatchedFilesTests : IDisposable
{
    private readonly ConfigFixture _configs = new();

    private string At(string relative) => Path.Combine(_configs.Folder, relative);

    [Fact]
    public void AnApphostIsWatchedWithTheDllJsonAndSoFilesBesideIt()
    {
        var config = _configs.Valid("app = \"./out/MyApp --urls x\"\nreload = true\n");

        var folder = Assert.Single(WatchedFiles.For(config));

        Assert.Equal(At("out"), folder.Path);
        Assert.All(["MyApp", "MyApp.dll", "appsettings.json", "MyApp.runtimeconfig.json", "libe_sqlite3.so"], n => Assert.True(folder.Matches(n), n));
        Assert.All(["app.log", "MyApp.pdb", "notes.txt", "MyApp.dll.tmp"], n => Assert.False(folder.Matches(n), n));
    }

    [Fact]
    public void ForDotnetAndADllTheDllIsTheMainFileRelativeToChdir()
    {
        Directory.CreateDirectory(At("site"));
        var config = _configs.Valid("app = [\"dotnet\", \"bin/MyApp.dll\"]\nchdir = \"site\"\n");

        Assert.Equal(At("site/bin/MyApp.dll"), WatchedFiles.MainFile(config));
        Assert.Equal(At("site/bin"), Assert.Single(WatchedFiles.For(config)).Path);
    }

    [Fact]
    public void AnAppFoundOnPathHasNoMainFile()
    {
        Assert.Null(WatchedFiles.MainFile(_configs.Valid("app = \"myapp --port 1\"\n")));
    }

    [Fact]
    public void AnExtraFileCountsByNameAndAnExtraFolderWhole()
    {
        Directory.CreateDirectory(At("templates"));
        var config = _configs.Valid("app = \"./out/MyApp\"\nreload_extra_files = [\"conf/site.conf\", \"templates\", \"out/rules.txt\"]\n");

        var folders = WatchedFiles.For(config).ToDictionary(f => f.Path);

        Assert.Equal([At("out"), At("conf"), At("templates")], folders.Keys);
        Assert.True(folders[At("out")].Matches("rules.txt"));
        Assert.True(folders[At("out")].Matches("MyApp.dll"));
        Assert.True(folders[At("conf")].Matches("site.conf"));
        Assert.False(folders[At("conf")].Matches("other.conf"));
        Assert.True(folders[At("templates")].Matches("index.html"));
    }

    [Fact]
    public void ReloadExtraFilesMustBePaths()
    {
        var problem = Assert.Single(_configs.Problems("app = \"./MyApp\"\nreload_extra_files = [\"\"]\n"));

        Assert.EndsWith("reload_extra_files = [\"\"] is not valid: expected a path, or an array of paths", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _configs.Dispose();
}
