using System.Globalization;
using System.Net.Sockets;

namespace Integration.Support;

/// <summary>
/// The Debian package's nginx run by the test as its own process (foreground, its own prefix folder and
/// pid file) with the repo's deploy/nginx/nginx.conf, changed only where a test must: the listening
/// port, the upstream address, the static folder and the include's path. Every change must find its
/// text, so a config that drifts breaks the test instead of testing something else.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly OwnedProcess _process;
    private readonly string _prefix;

    private NginxProcess(OwnedProcess process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Output => _process.Output;

    /// <param name="apiRate">Replaces the general rate limit, so a test's load from one address is not limited.</param>
    public static async Task<NginxProcess> StartAsync(int upstreamPort, string staticRoot, string? apiRate = null)
    {
        var prefix = Directory.CreateTempSubdirectory("nginx-it-").FullName;
        var port = FreePort.Next();
        var repo = Path.Combine(Binaries.RepositoryRoot, "deploy", "nginx");
        var config = await File.ReadAllTextAsync(Path.Combine(repo, "nginx.conf"));
        config = Replace(config, "listen 80;", $"listen 127.0.0.1:{port};");
        config = Replace(config, "server app:8000;", $"server 127.0.0.1:{upstreamPort};");
        config = Replace(config, "alias /srv/static/;", $"alias {staticRoot}/;");
        config = Replace(config, "include /etc/nginx/proxy_params.conf;", $"include {Path.Combine(repo, "proxy_params.conf")};");
        if (apiRate is not null)
        {
            config = Replace(config, "zone=api:10m rate=50r/s;", $"zone=api:10m rate={apiRate};");
        }

        var path = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        // nginx's workers drop root for nobody: they must be able to reach the static files.
        foreach (var folder in new[] { prefix, staticRoot })
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }

        var process = OwnedProcess.Start("nginx", ["-p", prefix, "-c", path, "-e", "stderr", "-g", $"daemon off; pid {prefix}/nginx.pid;"]);
        var nginx = new NginxProcess(process, prefix, port);
        try
        {
            await Wait.UntilAsync(() => process.HasExited || Listening(port), TimeSpan.FromSeconds(20), $"nginx to listen on {port}:\n{process.Output}");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited at start:\n{process.Output}\nconfig:\n{config}");
            }
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        // TERM is nginx's fast shutdown; OwnedProcess kills it if it lingers.
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned eventually.
        }
    }

    private static string Replace(string config, string from, string to) =>
        config.Contains(from, StringComparison.Ordinal)
            ? config.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/nginx.conf no longer contains '{from}'; update NginxProcess to match it.");

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
