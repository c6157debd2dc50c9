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

    [Fact]
    public void TheSdkBuildsAndTheAspNetRuntimeRuns()
    {
        var stages = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$", stages[1]);
        Assert.Contains(Dockerfile, l => l.Contains("dotnet publish src/SampleApp/SampleApp.csproj", StringComparison.Ordinal));
        Assert.Contains(Dockerfile, l => l.Contains("dotnet publish src/Supervisor/Supervisor.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void TheImageRunsAsANonRootUserUnderTiniWithTheEntrypoint()
    {
        var user = Dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains("tini", Dockerfile.Single(l => l.Contains("apt-get install", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("""ENTRYPOINT ["/usr/bin/tini", "--", "/app/entrypoint.sh"]""", Dockerfile.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
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
