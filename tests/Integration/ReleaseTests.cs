using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Integration.Support;

namespace Integration;

/// <summary>
/// release.sh as a maintainer runs it, and its tool package as a user installs it: from the release folder
/// alone, into a tool path of its own, then 'supervisor --version' and 'supervisor check'.
/// </summary>
public sealed class ReleaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("release-it-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The one version of the project, as Directory.Build.props sets it.</summary>
    private static string Version { get; } =
        XDocument.Load(Path.Combine(Binaries.RepositoryRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>
    /// The Worker library's package: its own README, XML docs for its public API, a licence, and only the packages
    /// it uses.
    /// </summary>
    private static void AssertWorkerPackage(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        Assert.StartsWith("# Supervisor.Worker\n", Read("README.md"), StringComparison.Ordinal);
        Assert.Contains("M:Supervisor.Worker.WorkerHostingExtensions.UseSupervisorWorker(Microsoft.AspNetCore.Builder.WebApplicationBuilder,System.Action{Supervisor.Worker.SupervisorWorkerOptions})", Read("lib/net8.0/Supervisor.Worker.xml"), StringComparison.Ordinal);
        var nuspec = XDocument.Parse(Read("Supervisor.Worker.nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.StartsWith("The worker side of supervisor", Field("description"), StringComparison.Ordinal);
        Assert.Equal(
            ["Serilog", "Serilog.Extensions.Logging", "Serilog.Formatting.Compact", "Serilog.Sinks.Console"],
            nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal));
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains("$(MSBuildThisFileDirectory)Supervisor.Worker.rd.xml", Read($"{folder}/Supervisor.Worker.targets"), StringComparison.Ordinal);
            Assert.Contains("OptionsFactory`1[[Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions", Read($"{folder}/Supervisor.Worker.rd.xml"), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The Worker's build targets (what its package adds to an app; SampleApp imports them) give a Native AOT publish
    /// for net10.0 the directives, and nothing to a JIT build, another runtime, or an app that opts out.
    /// </summary>
    [Theory]
    [InlineData(true, "-p:PublishAot=true")]
    [InlineData(false, "-p:PublishAot=false")]
    [InlineData(false, "-p:PublishAot=true", "-p:SupervisorWorkerAotDirectives=false")]
    [InlineData(false, "-p:PublishAot=true", "-p:TargetFramework=net8.0")]
    public async Task TheWorkerTargetsAddTheAotDirectivesToANet10NativeAotPublishOnly(bool added, params string[] properties)
    {
        var output = await RunAsync(0, "dotnet", ["msbuild", "src/SampleApp/SampleApp.csproj", "-getItem:RdXmlFile", .. properties], Binaries.RepositoryRoot);
        var items = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("RdXmlFile");
        Assert.Equal(added ? [Path.Combine(Binaries.RepositoryRoot, "src", "Worker", "build", "Supervisor.Worker.rd.xml")] : Array.Empty<string>(),
            items.EnumerateArray().Select(item => item.GetProperty("FullPath").GetString()!).ToArray());
    }

    [Fact]
    public async Task TheToolPackageInstallsFromTheReleaseFolderAndItsSupervisorChecksAConfiguration()
    {
        var release = Path.Combine(_folder, "release");
        await RunAsync(0, "bash", ["release.sh", "--no-aot", "-o", release], Binaries.RepositoryRoot, TimeSpan.FromMinutes(10));

        Assert.Equal(["SHA256SUMS", $"Supervisor.Cli.{Version}.nupkg", $"Supervisor.Worker.{Version}.nupkg"],
            Directory.GetFiles(release).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var sums = await RunAsync(0, "sha256sum", ["-c", "SHA256SUMS"], release);
        Assert.Contains($"Supervisor.Cli.{Version}.nupkg: OK", sums, StringComparison.Ordinal);
        Assert.Contains($"Supervisor.Worker.{Version}.nupkg: OK", sums, StringComparison.Ordinal);
        AssertWorkerPackage(Path.Combine(release, $"Supervisor.Worker.{Version}.nupkg"));
        using (var tool = ZipFile.OpenRead(Path.Combine(release, $"Supervisor.Cli.{Version}.nupkg")))
        {
            // The supervisor's own Serilog and the injected one, side by side: neither may push the other out.
            var files = tool.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("tools/net10.0/any/Serilog.dll", files);
            Assert.Contains("tools/net10.0/any/inject/Serilog.dll", files);
            Assert.Contains("tools/net10.0/any/inject/Supervisor.Worker.Injection.dll", files);
        }


        // The release folder as the only source, and a package cache of its own: what is installed is what was
        // just packed, never a copy of the same version cached by an earlier run, and nothing is downloaded.
        var config = Path.Combine(_folder, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="release" value="{release}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_folder, "tools");
        var installed = await RunAsync(0, "dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "Supervisor.Cli", "--version", Version], _folder,
            environment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_folder, "packages") });
        Assert.Contains($"Tool 'supervisor.cli' (version '{Version}') was successfully installed.", installed, StringComparison.Ordinal);
        var supervisor = Path.Combine(tools, "supervisor");

        Assert.Equal(Version, (await RunAsync(0, supervisor, ["--version"], _folder)).Trim());

        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(_folder, "gunicorn.toml"), $"app = [\"/bin/sh\"]\nworkers = 2\nbind = \"127.0.0.1:{port}\"\npidfile = \"app.pid\"\n");
        await RunAsync(0, supervisor, ["check", "-c", "gunicorn.toml"], _folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.toml"), "app = [\"/bin/sh\"]\nwrokers = 2\n");
        Assert.Contains("broken.toml:2:1: unknown key 'wrokers'; did you mean 'workers'?", await RunAsync(1, supervisor, ["check", "-c", "broken.toml"], _folder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseShNamesItsOptionsAndRefusesOthers()
    {
        var help = await RunAsync(0, "bash", ["release.sh", "--help"], Binaries.RepositoryRoot);
        Assert.Contains("--no-aot", help, StringComparison.Ordinal);
        Assert.Contains("supervisor-VERSION-linux-x64.tar.gz", help, StringComparison.Ordinal);

        Assert.Equal("release.sh: unknown option '--quick'; see ./release.sh --help.",
            (await RunAsync(2, "bash", ["release.sh", "--quick"], Binaries.RepositoryRoot)).Trim());
    }

    /// <summary>Runs a command to its end and returns its output, asserting its exit code.</summary>
    private static async Task<string> RunAsync(int expected, string file, string[] arguments, string folder, TimeSpan? timeout = null,
        Dictionary<string, string>? environment = null)
    {
        environment ??= [];
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        await using var run = OwnedProcess.Start(file, arguments, environment, folder);
        var code = await run.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(2));
        Assert.True(code == expected, $"{file} {string.Join(' ', arguments)} exited {code}, not {expected}:\n{run.Output}");
        return run.Output;
    }
}
