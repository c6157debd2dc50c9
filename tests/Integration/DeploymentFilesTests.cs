using System.Globalization;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>
/// What can be checked of the Dockerfile, docker-compose.yml and the nginx config without a Docker
/// engine: the stages, the user, the entrypoint, the health check, that every COPY source exists, and
/// that the paths and timeouts of the files agree with each other and with gunicorn.toml.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = Binaries.RepositoryRoot;

    private static string[] Dockerfile => File.ReadAllLines(Path.Combine(Root, "Dockerfile"));

    private static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    /// <summary>The Dockerfile's lines by stage ("" for the lines before the first FROM), the FROM line first.</summary>
    private static Dictionary<string, List<string>> Stages()
    {
        var stages = new Dictionary<string, List<string>> { [""] = [] };
        var current = stages[""];
        foreach (var line in Dockerfile)
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stages[line[(line.LastIndexOf(" AS ", StringComparison.Ordinal) + 4)..]] = current = [];
            }

            current.Add(line);
        }

        return stages;
    }

    /// <summary>A stage's instructions, each on one line with its continuation lines joined.</summary>
    private static List<string> Instructions(IEnumerable<string> lines) =>
        Regex.Split(string.Join('\n', lines), @"(?<!\\)\n").Select(i => Regex.Replace(i, @"\s*\\\n\s*", " ")).ToList();

    [Fact]
    public void TheImageShipsNativeAotByDefaultAndTheJitBuildOnRequest()
    {
        var stages = Stages();
        Assert.Equal(["", "build", "runtime-aot", "runtime-jit", "runtime"], stages.Keys);
        Assert.Contains("ARG BUILD=aot", stages[""]);
        Assert.Equal("FROM runtime-${BUILD} AS runtime", stages["runtime"][0]);
        // AOT executables need no .NET runtime in the image; JIT ones need ASP.NET Core's.
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/runtime-deps:\S+ AS runtime-aot$", stages["runtime-aot"][0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:\S+ AS runtime-jit$", stages["runtime-jit"][0]);

        var build = Instructions(stages["build"]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", build[0]);
        Assert.Contains("ARG BUILD", build);
        var options = Assert.Single(build, i => i.StartsWith("RUN case \"$BUILD\" in", StringComparison.Ordinal));
        Assert.Matches(@"aot\) apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && .*echo ""-r linux-x64 -p:PublishAot=true"" > /publish-options ;;", options);
        Assert.Contains("jit) : > /publish-options ;;", options, StringComparison.Ordinal);
        Assert.Contains("exit 1", options, StringComparison.Ordinal);
        foreach (var project in new[] { "src/SampleApp/SampleApp.csproj", "src/Supervisor/Supervisor.csproj" })
        {
            Assert.Contains(build, i => i.Contains($"dotnet restore {project} $(cat /publish-options)", StringComparison.Ordinal));
            Assert.Contains(build, i => i.Contains($"dotnet publish {project} -c Release --no-restore $(cat /publish-options) -o ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void BaseImagesArePinnedToOnePatchReleaseOfTheProjectsDotNet()
    {
        var images = Dockerfile.Where(l => l.StartsWith("FROM mcr.", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"^FROM mcr\.microsoft\.com/dotnet/([a-z-]+):(\S+) AS ").Groups).ToDictionary(g => g[1].Value, g => g[2].Value);
        var framework = Regex.Match(Read("Directory.Build.props"), @"<TargetFramework>net(\d+\.\d+)</TargetFramework>").Groups[1].Value;
        var pinned = Regex.Match(Read("global.json"), @"""version"": ""(\d+\.\d+)\.(\d)\d\d""").Groups;

        Assert.Equal(["aspnet", "runtime-deps", "sdk"], images.Keys.Order(StringComparer.Ordinal));
        Assert.Matches($@"^{Regex.Escape(framework)}\.\d+$", images["runtime-deps"]);
        Assert.Equal(images["runtime-deps"], images["aspnet"]);
        // global.json rolls forward to a later feature band of the same release, never back.
        var sdk = Regex.Match(images["sdk"], @"^(\d+\.\d+)\.(\d)\d\d$").Groups;
        Assert.True(sdk[0].Success, $"the SDK image's tag {images["sdk"]} is not a patch release");
        Assert.Equal((framework, framework), (pinned[1].Value, sdk[1].Value));
        Assert.True(int.Parse(sdk[2].Value, CultureInfo.InvariantCulture) >= int.Parse(pinned[2].Value, CultureInfo.InvariantCulture),
            $"the SDK image {images["sdk"]} is older than global.json's SDK");
    }

    [Fact]
    public void TheImageRunsAsTheNumericNonRootUserUnderTiniWithTheEntrypoint()
    {
        var runtime = Instructions(Stages()["runtime"]);
        // APP_UID is the .NET images' unprivileged user (app) by number, which Kubernetes' runAsNonRoot can verify.
        Assert.Equal("USER $APP_UID", runtime.Last(i => i.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Contains("tini", runtime.Single(i => i.Contains("apt-get install", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("""ENTRYPOINT ["/usr/bin/tini", "--", "/app/entrypoint.sh"]""", runtime.Single(i => i.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheFoldersTheUserWritesAreCreatedForIt()
    {
        var run = Instructions(Stages()["runtime"]).Single(i => i.Contains("mkdir -p", StringComparison.Ordinal));
        var pidfile = Regex.Match(Read("gunicorn.toml"), @"(?m)^pidfile = ""([^""]+)""").Groups[1].Value;
        var staticRoot = Regex.Match(string.Join('\n', Dockerfile), @"ENV STATIC_ROOT=(\S+)").Groups[1].Value;

        // gunicorn.toml is /app/gunicorn.toml: its relative paths start at /app.
        foreach (var folder in new[] { "/app/" + Path.GetDirectoryName(pidfile), staticRoot })
        {
            Assert.Matches($@"mkdir -p [^&]*{Regex.Escape(folder)}( |$)", run);
            Assert.Matches($@"chown ""\$APP_UID:\$APP_UID"" [^&]*{Regex.Escape(folder)}( |$)", run);
        }
    }

    [Fact]
    public void TheHealthCheckAsksTheReadinessEndpointOnTheBoundPort()
    {
        var text = string.Join('\n', Dockerfile);
        var check = Regex.Match(text, @"HEALTHCHECK [^\n]*\\\n\s*CMD ([^\n]+)");
        Assert.True(check.Success, "no HEALTHCHECK ... CMD");
        var port = Regex.Match(Read("gunicorn.toml"), @"(?m)^bind = ""0\.0\.0\.0:(\d+)""").Groups[1].Value;
        Assert.Contains($"http://127.0.0.1:{port}/readyz", check.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCopySourceExistsInTheRepositoryAndIsNotIgnored()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"COPY source '{source}' does not exist");
            Assert.DoesNotContain(ignored, pattern => source.TrimEnd('/').Equals(pattern.TrimEnd('/'), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PublishedPathsAreWhereGunicornTomlAndTheEntrypointLook()
    {
        // The image's layout: gunicorn.toml and entrypoint.sh in /app, the published outputs below it.
        var copies = Dockerfile.Where(l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(parts => parts[2], parts => parts[3]);
        Assert.Contains(Dockerfile, l => l == "COPY gunicorn.toml entrypoint.sh /app/");
        var app = Regex.Match(Read("gunicorn.toml"), @"(?m)^app = \[""([^""]+)""\]").Groups[1].Value;
        Assert.Equal("/app/" + app, copies["/out/app"] + "/SampleApp");

        var entrypoint = Read("entrypoint.sh");
        string Raw(string name) => Regex.Match(entrypoint, $@"(?m)^{name}=\$\{{{name}:-([^}}]+)\}}").Groups[1].Value;
        var appRoot = Raw("APP_ROOT");
        string Default(string name) => Raw(name).Replace("$APP_ROOT", appRoot, StringComparison.Ordinal);
        Assert.Equal("/app", appRoot);
        Assert.Equal(copies["/out/app"] + "/SampleApp", Default("SAMPLEAPP"));
        Assert.Equal(copies["/out/supervisor"] + "/supervisor", Default("SUPERVISOR"));
        Assert.Equal("/app/gunicorn.toml", Default("SUPERVISOR_CONFIG"));
        Assert.Contains(Dockerfile, l => l.StartsWith("ENV STATIC_ROOT=/app/static", StringComparison.Ordinal));
    }

    [Fact]
    public void NginxWaitsForRequestsAsLongAsTheSupervisorsTimeoutAndClosesIdleUpstreamsFirst()
    {
        var toml = Read("gunicorn.toml");
        var timeout = int.Parse(Regex.Match(toml, @"(?m)^timeout = (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var keepalive = int.Parse(Regex.Match(toml, @"(?m)^keepalive = (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var proxy = Read("deploy/nginx/proxy_params.conf");
        Assert.Contains($"proxy_read_timeout {timeout}s;", proxy, StringComparison.Ordinal);
        Assert.Contains($"proxy_send_timeout {timeout}s;", proxy, StringComparison.Ordinal);
        var upstreamIdle = int.Parse(Regex.Match(Read("deploy/nginx/nginx.conf"), @"upstream supervisor \{[^}]*keepalive_timeout (\d+)s;").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(upstreamIdle < keepalive, $"nginx keeps idle upstream connections {upstreamIdle}s, the supervisor {keepalive}s");
    }

    [Fact]
    public void ComposeWiresTheVolumesPortsAndTrustedProxyNetworkConsistently()
    {
        var compose = Read("docker-compose.yml");
        var nginx = Read("deploy/nginx/nginx.conf");
        var env = Read(".env.docker");
        Assert.Contains("condition: service_healthy", compose, StringComparison.Ordinal);
        Assert.Contains("- static:/app/static", compose, StringComparison.Ordinal);
        Assert.Contains("STATIC_ROOT=/app/static", env, StringComparison.Ordinal);
        Assert.Contains("- static:/srv/static:ro", compose, StringComparison.Ordinal);
        Assert.Contains("alias /srv/static/;", nginx, StringComparison.Ordinal);
        Assert.Contains("server app:8000;", nginx, StringComparison.Ordinal);
        Assert.Contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro", compose, StringComparison.Ordinal);
        Assert.Contains("./deploy/nginx/proxy_params.conf:/etc/nginx/proxy_params.conf:ro", compose, StringComparison.Ordinal);
        var subnet = Regex.Match(compose, @"subnet: (\S+)").Groups[1].Value;
        Assert.Contains($"FORWARDED_ALLOW_IPS={subnet}", env, StringComparison.Ordinal);
        foreach (var name in new[] { "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD" })
        {
            Assert.Contains(name + "=", env, StringComparison.Ordinal);
        }
    }
}
