using System.Net;
using System.Text;
using SampleApp.Tests.Support;

namespace SampleApp.Tests.Endpoints;

/// <summary>Started without any DATABASE_* variable: the app serves what needs no database and says why the rest cannot.</summary>
public sealed class NoDatabaseTests : IClassFixture<UnsupervisedApp>
{
    private const string NotConfigured =
        """{"error":"The database is not configured: set DATABASE_URL, or DATABASE_HOST, DATABASE_NAME, DATABASE_USER and DATABASE_PASSWORD, then restart."}""";

    private readonly UnsupervisedApp _app;

    public NoDatabaseTests(UnsupervisedApp app) => _app = app;

    [Fact]
    public async Task ReadyzSaysNotReadyAndWhy()
    {
        using var response = await _app.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("not ready: the database is not configured", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/plans")]
    [InlineData("/api/subscriptions")]
    public async Task DatabaseEndpointsAnswer503SayingWhatToSet(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", "some-token");
        using var response = await _app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(NotConfigured, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InputIsValidatedBeforeTheDatabaseIsNeeded()
    {
        using var content = new StringContent("""{"email":"nope","password":"short"}""", Encoding.UTF8, "application/json");
        using var response = await _app.Client.PostAsync("/api/auth/register", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Some fields are not valid; see errors.","errors":{"email":["Enter an email address such as ada@example.com."],"password":["Use at least 10 characters."]}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutATokenMeSaysHowToSignIn()
    {
        using var response = await _app.Client.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("""{"error":"Sign in first: send the header Authorization: Bearer TOKEN, with a token from POST /api/auth/login."}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheStaticPageIsServedUnderStatic()
    {
        var page = await _app.Client.GetStringAsync("/static/");
        Assert.Contains("<script src=\"app.js\"></script>", page, StringComparison.Ordinal);
    }
}
