using Supervisor.Configuration;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration;

/// <summary>The README's configuration table and the shipped gunicorn.toml agree with the code.</summary>
public sealed class DocumentationTests
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
        Assert.Contains($"app = [\"{directory.Combine("out/app/SampleApp")}\"]", lines);
    }
}
