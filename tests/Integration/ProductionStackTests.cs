using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Support;

namespace Integration;

/// <summary>client -> nginx (the repo's config) -> supervisor -> SampleApp workers -> PostgreSQL, all real.</summary>
public sealed class ProductionStackTests : IClassFixture<StackFixture>
{
    private readonly StackFixture _stack;
    private readonly ITestOutputHelper _output;

    public ProductionStackTests(StackFixture stack, ITestOutputHelper output)
    {
        _stack = stack;
        _output = output;
    }

    [Fact]
    public async Task NginxServesStaticFilesItselfWithoutReachingTheApp()
    {
        // Only in the collected folder, not in the app: a 200 can only come from nginx.
        await File.WriteAllTextAsync(Path.Combine(_stack.StaticRoot, "only-in-static-root.txt"), "from disk");
        Assert.Equal("from disk", await Http.GetStringAsync(_stack.Nginx.Url + "/static/only-in-static-root.txt"));
        var page = await Http.GetStringAsync(_stack.Nginx.Url + "/static/");
        Assert.Contains("<title>Subscriptions</title>", page, StringComparison.Ordinal);

        // The app's access log shows a proxied request but none of the static ones.
        var marker = Guid.NewGuid().ToString("N");
        await Http.GetStringAsync($"{_stack.Nginx.Url}/api/worker?marker={marker}");
        await _stack.Supervisor.WaitForOutputAsync(marker, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("/static/", _stack.Supervisor.Output, StringComparison.Ordinal);

        using var direct = await Http.GetAsync(_stack.AppUrl + "/static/only-in-static-root.txt");
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
    }

    [Fact]
    public async Task RegisterLoginAndSubscribeThroughNginx()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_stack.Nginx.Url) };
        var email = $"stack-{Guid.NewGuid():N}@example.com";
        var credentials = $$"""{"email":"{{email}}","password":"a long enough password"}""";

        using var register = await client.PostAsync("/api/auth/register", Json(credentials));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        using var login = await client.PostAsync("/api/auth/login", Json(credentials));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("token").GetString());

        // Several requests, so more than one worker process checks the token: it lives in the database.
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains(email, await client.GetStringAsync("/api/auth/me"), StringComparison.Ordinal);
        }

        using var subscribe = await client.PostAsync("/api/subscriptions", Json("""{"plan":"pro"}"""));
        Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/subscriptions"));
        Assert.Equal("pro", Assert.Single(list.RootElement.EnumerateArray()).GetProperty("plan").GetString());
    }

    [Theory]
    [InlineData("/static/app.js", "application/javascript")]
    [InlineData("/api/plans", "application/json")]
    public async Task ResponsesAreGzippedForClientsThatAcceptIt(string path, string type)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        using var request = new HttpRequestMessage(HttpMethod.Get, _stack.Nginx.Url + path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task TheAppSeesTheClientAddressNginxForwards()
    {
        // The client is 127.0.0.2; nginx connects to the app from 127.0.0.1, which FORWARDED_ALLOW_IPS trusts.
        using var client = StackFixture.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _stack.Nginx.Url + "/api/client");
        // A client's own claim is kept by nginx at the left; the app takes only the proxy's entry.
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        using var seen = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("127.0.0.2", seen.RootElement.GetProperty("remote_ip").GetString());
        Assert.Equal("http", seen.RootElement.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressThatIsNotTheProxyAreIgnored()
    {
        using var client = StackFixture.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _stack.AppUrl + "/api/client");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        using var seen = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("127.0.0.2", seen.RootElement.GetProperty("remote_ip").GetString());
        Assert.Equal("http", seen.RootElement.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        foreach (var path in new[] { "/static/index.html", "/api/plans", "/api/auth/me" })
        {
            using var response = await Http.GetAsync(_stack.Nginx.Url + path);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABurstOfLoginsFromOneAddressIsRateLimited()
    {
        // Its own client address, so the other tests' logins keep their budget. An empty body is
        // answered 400 at once by the app: only nginx's 429s are being counted.
        using var client = StackFixture.ClientFrom(IPAddress.Parse("127.0.0.3"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await client.PostAsync(_stack.Nginx.Url + "/api/auth/login", Json("{}"));
            return response.StatusCode;
        }));

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.Contains(HttpStatusCode.BadRequest, answers);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedByNginx()
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync(_stack.Nginx.Url + "/api/auth/register", Json(new string('x', 2 * 1024 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AHupOfTheSupervisorUnderLoadFailsNoRequest()
    {
        var live = () => _stack.Supervisor.WorkerPids.Where(ProcessProbe.IsAlive).ToList();
        await Wait.UntilAsync(() => live().Count == 2, TimeSpan.FromSeconds(30), "two live workers");
        var before = live();
        await using var load = new Load(_stack.Nginx.Url + "/api/plans", clients: 4);
        await load.WaitForRequestsAsync(200);

        _stack.Supervisor.Signal(1);
        await Wait.UntilAsync(() => live() is { Count: 2 } now && !now.Intersect(before).Any(), TimeSpan.FromSeconds(60),
            $"two new workers in place of {string.Join(", ", before)}:\n{_stack.Supervisor.Output}");
        await load.WaitForRequestsAsync(200);
        var (sent, failed) = await load.StopAsync();

        _output.WriteLine($"{sent} requests through nginx during a HUP, {failed} failed");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
