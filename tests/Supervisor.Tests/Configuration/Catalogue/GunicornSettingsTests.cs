using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>
/// Every one of Gunicorn's settings (gunicorn-settings.tsv: the names and flags of Gunicorn's config.py) is
/// either in the catalogue with Gunicorn's flags, or answered with why not; docs/gunicorn-settings.md says which.
/// </summary>
public sealed class GunicornSettingsTests : IDisposable
{
    private static readonly Dictionary<string, string[]> Gunicorn = File
        .ReadAllLines(Repository.File("tests/Supervisor.Tests/Configuration/Catalogue/gunicorn-settings.tsv"))
        .Where(l => l.Length > 0)
        .Select(l => l.Split('\t'))
        .ToDictionary(f => f[0], f => f.Length > 1 ? f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : []);

    private readonly ConfigFixture _fixture = new();

    [Fact]
    public void EveryGunicornSettingIsAccountedForOnce()
    {
        var here = Settings.All.Where(s => !s.Ours).Select(s => s.Key).Concat(GunicornSettings.All.Select(g => g.Key)).ToList();

        Assert.Equal(119, Gunicorn.Count);
        Assert.Equal(here.Count, here.Distinct().Count());
        Assert.Empty(Gunicorn.Keys.Except(here));
        Assert.Empty(here.Except(Gunicorn.Keys));
        Assert.Empty(Settings.All.Where(s => s.Ours && Gunicorn.ContainsKey(s.Key)).Select(s => s.Key));
    }

    [Fact]
    public void ASettingOfGunicornsHasGunicornsFlags()
    {
        foreach (var setting in Settings.All.Where(s => !s.Ours))
        {
            string?[] ours = [setting.Flag, setting.ShortFlag, .. setting.Aliases];
            Assert.True(Gunicorn[setting.Key].All(ours.Contains), $"{setting.Key}: Gunicorn's flags are {string.Join(", ", Gunicorn[setting.Key])}");
        }

        foreach (var setting in GunicornSettings.All)
        {
            Assert.Equal(Gunicorn[setting.Key], setting.Flags);
        }
    }

    [Fact]
    public void AGunicornKeyInTheFileIsAnsweredWithWhyNot()
    {
        var problems = _fixture.Problems("app = \"./MyApp\"\nworker_class = \"gevent\"\nenable_backlog_metric = true\n");

        Assert.Equal(
        [
            $"{_fixture.Folder}/gunicorn.toml:2:1: worker_class is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel, asynchronous by nature; to serve more at once, raise workers",
            $"{_fixture.Folder}/gunicorn.toml:3:1: enable_backlog_metric is a Gunicorn setting with no meaning here: the listen queue is always on /metrics (supervisor_listen_queue_length) when control_bind is set",
        ], problems);
    }

    [Fact]
    public void ASettingThisVersionDoesNotHaveYetIsAnsweredWithWhatItWillDoAndToRemoveIt()
    {
        var setting = new GunicornSetting("example", ["--example"], Verdict.NotYet, "it will do what Gunicorn's does");

        Assert.Equal(
            "example is a Gunicorn setting this version does not have yet: it will do what Gunicorn's does; remove it (docs/gunicorn-settings.md lists every Gunicorn setting and how it stands here)",
            setting.Problem());
    }

    /// <summary>With UPDATE_DOCS=1 this test rewrites the file instead of failing.</summary>
    [Fact]
    public void TheDocumentIsTheOneTheCatalogueWrites()
    {
        var path = Repository.File("docs/gunicorn-settings.md");
        var written = GunicornReference.Markdown();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && (!File.Exists(path) || File.ReadAllText(path) != written))
        {
            File.WriteAllText(path, written);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == written,
            "docs/gunicorn-settings.md is not the one the settings catalogue writes; run UPDATE_DOCS=1 ./test.sh to rewrite it.");
    }

    public void Dispose() => _fixture.Dispose();
}
