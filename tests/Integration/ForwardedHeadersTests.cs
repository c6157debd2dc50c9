using Integration.Support;

namespace Integration;

/// <summary>
/// forwarded_allow_ips and secure_scheme_headers, applied by the Worker library to an app that knows nothing of
/// proxies (tests/Apps/PlainWebApp answers /client with the address and scheme it sees).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static string Config(int port, string more = "") =>
        $"app = [\"dotnet\", \"{Binaries.PlainWebApp}\"]\nbind = \"127.0.0.1:{port}\"\nworkers = 1\naccesslog = \"-\"\n{more}";

    private static async Task<string> ClientAsync(int port, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/client");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task FromTheLoopbackProxyTheAppAndTheAccessLogSeeTheClientAndHttps()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port));
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(60), $"the worker:\n{master.Output}");

        Assert.Equal("203.0.113.9 https", await ClientAsync(port, ("X-Forwarded-For", "198.51.100.1, 203.0.113.9"), ("X-Forwarded-Proto", "https")));
        Assert.Equal("203.0.113.9 https", await ClientAsync(port, ("X-Forwarded-For", "203.0.113.9:51234"), ("X-Forwarded-SSL", "on")));
        Assert.Equal("127.0.0.1 http", await ClientAsync(port));
        await master.WaitForLineAsync(@"^203\.0\.113\.9 - - \[.+\] ""GET /client HTTP/1\.1"" 200 ");
    }

    [Fact]
    public async Task FromAPeerNotAllowedTheHeadersAreIgnored()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "forwarded_allow_ips = \"10.0.0.0/8\"\n"));
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(60), $"the worker:\n{master.Output}");

        Assert.Equal("127.0.0.1 http", await ClientAsync(port, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https")));
    }

    [Fact]
    public async Task SecureSchemeHeadersAreTheOnesConfigured()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, "secure_scheme_headers = { \"X-Scheme\" = \"secure\" }\n"));
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(60), $"the worker:\n{master.Output}");

        Assert.Equal("127.0.0.1 https", await ClientAsync(port, ("X-Scheme", "SECURE")));
        Assert.Equal("127.0.0.1 http", await ClientAsync(port, ("X-Forwarded-Proto", "https")));
    }
}
