using System.Text.RegularExpressions;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration;

/// <summary>The README's configuration table and the shipped gunicorn.toml agree with the code, and the README with run.sh.</summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void TheReadmeTableHasARowForEveryKeyWithItsFlag()
    {
        var rows = File.ReadAllLines(Repository.File("README.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        foreach (var setting in Settings.All)
        {
            var row = Assert.Single(rows, r => r.StartsWith($"| `{setting.Key}` |", StringComparison.Ordinal));
            if (setting.Flag is not null)
            {
                Assert.Contains($"`{setting.Flag}`", row, StringComparison.Ordinal);
            }

            if (setting.ShortFlag is not null)
            {
                Assert.Contains($"`{setting.ShortFlag}`", row, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The reference is written from the catalogue; with UPDATE_DOCS=1 this test rewrites it instead of failing.</summary>
    [Fact]
    public void TheReadmeReferenceIsTheOneTheCatalogueWrites()
    {
        var path = Repository.File("README.md");
        var readme = File.ReadAllText(path);
        var begin = readme.IndexOf(ReferenceTable.Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(ReferenceTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no configuration reference between the lines {ReferenceTable.Begin} and {ReferenceTable.End}.");
        var current = readme[begin..(end + ReferenceTable.End.Length)];

        var written = ReferenceTable.Markdown();
        if (current != written && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, readme[..begin] + written + readme[(end + ReferenceTable.End.Length)..]);
            current = written;
        }

        Assert.True(current == written, "README.md's configuration reference is not the one the settings catalogue writes; run UPDATE_DOCS=1 ./test.sh (or dotnet test --filter TheReadmeReferenceIsTheOneTheCatalogueWrites) to rewrite it.");
    }

    [Fact]
    public async Task TheShippedGunicornTomlIsValidWithTheProductionValues()
    {
        // Checked where the app it names has been published, as run.sh and the image do before running it.
        using var directory = MachineFiles.ShippedConfiguration();

        var result = await SupervisorExecutable.RunAsync(directory.Path, ["check", "-c", "gunicorn.toml", "--print"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains("workers = 3", lines);
        Assert.Contains("bind = [\"0.0.0.0:8000\"]", lines);
        Assert.Contains("timeout = 120", lines);
        Assert.Contains("backlog = 2048", lines);
        Assert.Contains("max_requests = 1000", lines);
        Assert.Contains("max_requests_jitter = 50", lines);
        Assert.Contains("keepalive = 65", lines);
        Assert.Contains("loglevel = \"info\"", lines);
        Assert.Contains("accesslog = \"-\"", lines);
        Assert.Contains("errorlog = \"-\"", lines);
        Assert.Contains($"pidfile = \"{directory.Combine("out/run/supervisor.pid")}\"", lines);
        Assert.Contains($"app = [\"{directory.Combine("out/app/SampleApp")}\"]", lines);
    }

    [Fact]
    public void EveryVariableRunShReadsIsInTheReadmesTableWithItsDefault()
    {
        var rows = File.ReadAllLines(Repository.File("README.md")).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var variables = RunShVariable().Matches(File.ReadAllText(Repository.File("run.sh"))).ToList();

        Assert.Contains(variables, v => v.Groups[1].Value == "LOCAL_PG_PORT");
        foreach (var variable in variables)
        {
            var (name, fallback) = (variable.Groups[1].Value, variable.Groups[2].Value);
            var row = rows.FirstOrDefault(r => r.Contains($"`{name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"run.sh reads {name}, which the README's table of run.sh's knobs does not name.");
            if (fallback.Length > 0)
            {
                Assert.Contains($"`{fallback}`", row, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>${NAME:-default} in run.sh: an environment variable it reads, and its default.</summary>
    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]*):-([^}]*)\}")]
    private static partial Regex RunShVariable();
}
