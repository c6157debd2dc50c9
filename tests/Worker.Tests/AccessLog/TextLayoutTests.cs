using System.Buffers;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Supervisor.Worker.AccessLog;
using Worker.Tests.AccessLog.Support;

namespace Worker.Tests.AccessLog;

public sealed class TextLayoutTests
{
    private const int Pid = 4711;

    private static string Render(string format, AccessLogEntry entry)
    {
        var line = new ArrayBufferWriter<byte>();
        new TextLayout(AccessLogFormat.Parse(format, name => name == "STAGE" ? "prod \"eu\"" : null), Pid).Render(entry, line);
        return Encoding.UTF8.GetString(line.WrittenSpan);
    }

    private static string Render(string format, HttpContext context, int status = 404, long bytes = 13, long microseconds = 1_234_567) =>
        Render(format, TestRequests.Entry(context, status, bytes, microseconds));

    /// <summary>GET /missing?q=1&amp;x=2 answered 404 with a 13-byte body, and a few headers both ways.</summary>
    private static DefaultHttpContext NotFound()
    {
        var context = TestRequests.Get("/missing", "?q=1&x=2");
        context.Request.Headers.Referer = "http://example.com/from";
        context.Request.Headers["X-Request-Id"] = "req-42";
        context.Response.StatusCode = 404;
        context.Response.Headers.ContentType = "text/plain";
        return context;
    }

    [Theory]
    [InlineData("%(h)s", "10.0.0.7")]
    [InlineData("%(l)s", "-")]
    [InlineData("%(u)s", "-")]
    [InlineData("%(t)s", "[25/Nov/2026:10:00:00 +0000]")]
    [InlineData("%(r)s", "GET /missing?q=1&x=2 HTTP/1.1")]
    [InlineData("%(m)s", "GET")]
    [InlineData("%(U)s", "/missing")]
    [InlineData("%(q)s", "q=1&x=2")]
    [InlineData("%(H)s", "HTTP/1.1")]
    [InlineData("%(s)s", "404")]
    [InlineData("%(B)s", "13")]
    [InlineData("%(b)s", "13")]
    [InlineData("%(f)s", "http://example.com/from")]
    [InlineData("%(a)s", "curl/8.0")]
    [InlineData("%(T)s", "1")]
    [InlineData("%(M)s", "1234")]
    [InlineData("%(D)s", "1234567")]
    [InlineData("%(L)s", "1.234567")]
    [InlineData("%(p)s", "<4711>")]
    [InlineData("%({x-request-id}i)s", "req-42")]
    [InlineData("%({X-REQUEST-ID}i)s", "req-42")]
    [InlineData("%({content-type}o)s", "text/plain")]
    [InlineData("%({STAGE}e)s", "prod \\\"eu\\\"")]
    [InlineData("%({x-missing}i)s", "-")]
    [InlineData("%({x-missing}o)s", "-")]
    [InlineData("%({MISSING}e)s", "-")]
    [InlineData("%(nope)s", "-")]
    public void RendersEachAtom(string format, string expected)
    {
        Assert.Equal(expected + "\n", Render(format, NotFound()));
    }

    [Fact]
    public void RendersGunicornsDefaultLine()
    {
        var line = Render(Supervisor.Worker.Protocol.WorkerContract.DefaultAccessLogFormat, NotFound());

        Assert.Equal("10.0.0.7 - - [25/Nov/2026:10:00:00 +0000] \"GET /missing?q=1&x=2 HTTP/1.1\" 404 13 \"http://example.com/from\" \"curl/8.0\"\n", line);
    }

    [Fact]
    public void WithNothingSentSmallBIsADashAndBigBIsZero()
    {
        Assert.Equal("- 0\n", Render("%(b)s %(B)s", NotFound(), bytes: 0));
    }

    [Fact]
    public void MissingHeadersAreDashes()
    {
        var context = TestRequests.Get();
        context.Request.Headers.Remove("User-Agent");

        Assert.Equal("\"-\" \"-\"\n", Render("\"%(f)s\" \"%(a)s\"", context));
    }

    [Fact]
    public void WithoutAQueryTheQueryIsEmptyAndTheRequestLineHasNone()
    {
        Assert.Equal("[] GET / HTTP/1.1\n", Render("[%(q)s] %(r)s", TestRequests.Get("/", "")));
    }

    [Fact]
    public void TheRequestLineUsesTheTargetAsSentAndUTheDecodedPath()
    {
        var context = TestRequests.Get("/a b", "?x=%20");
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget = "/a%20b?x=%20";

        Assert.Equal("GET /a%20b?x=%20 HTTP/1.1|/a b|x=%20\n", Render("%(r)s|%(U)s|%(q)s", context));
    }

    [Fact]
    public void UIncludesThePathBase()
    {
        var context = TestRequests.Get("/items", "");
        context.Request.PathBase = "/api";

        Assert.Equal("/api/items\n", Render("%(U)s", context));
    }

    [Fact]
    public void QuotesInValuesAreEscapedAsGunicornDoes()
    {
        var context = TestRequests.Get();
        context.Request.Headers.UserAgent = "say \"hi\"";

        Assert.Equal("\"say \\\"hi\\\"\"\n", Render("\"%(a)s\"", context));
    }

    [Fact]
    public void QuotesInTheFormatItselfAreNotEscaped()
    {
        Assert.Equal("\"GET\" 100%\n", Render("\"%(m)s\" 100%%", TestRequests.Get()));
    }

    [Fact]
    public void RepeatedHeadersAreJoinedWithCommas()
    {
        var context = TestRequests.Get();
        context.Request.Headers["X-Forwarded-For"] = new Microsoft.Extensions.Primitives.StringValues(["1.1.1.1", "2.2.2.2"]);

        Assert.Equal("1.1.1.1,2.2.2.2\n", Render("%({x-forwarded-for}i)s", context));
    }

    [Fact]
    public void AnIPv4ClientOnADualModeSocketIsWrittenAsIPv4()
    {
        var context = TestRequests.Get();
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.168.1.9");

        Assert.Equal("192.168.1.9\n", Render("%(h)s", context));
    }

    [Fact]
    public void AnIPv6ClientIsWrittenWithoutBrackets()
    {
        var context = TestRequests.Get();
        context.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;

        Assert.Equal("::1\n", Render("%(h)s", context));
    }

    [Fact]
    public void AClientWithoutAnAddressIsADash()
    {
        var context = TestRequests.Get();
        context.Connection.RemoteIpAddress = null;

        Assert.Equal("-\n", Render("%(h)s", context));
    }

    [Fact]
    public void TheUserIsTheAuthenticatedName()
    {
        var context = TestRequests.Get();
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], "test"));
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String("bob:secret"u8);

        Assert.Equal("alice\n", Render("%(u)s", context));
    }

    [Fact]
    public void WithoutAuthenticationTheUserComesFromBasicAuth()
    {
        var context = TestRequests.Get();
        context.Request.Headers.Authorization = "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bøb:se:cret"));

        Assert.Equal("bøb\n", Render("%(u)s", context));
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic")]
    public void AnAuthorizationThatIsNotBasicGivesNoUser(string authorization)
    {
        var context = TestRequests.Get();
        context.Request.Headers.Authorization = authorization;

        Assert.Equal("-\n", Render("%(u)s", context));
    }

    [Fact]
    public void AnAnonymousUserIsADash()
    {
        var context = TestRequests.Get();
        context.User = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.Equal("-\n", Render("%(u)s", context));
    }

    [Theory]
    [InlineData(0, "0 0 0 0.000000")]
    [InlineData(999, "0 0 999 0.000999")]
    [InlineData(12_345, "0 12 12345 0.012345")]
    [InlineData(61_000_001, "61 61000 61000001 61.000001")]
    public void RequestTimesAreTruncatedNotRounded(long microseconds, string expected)
    {
        Assert.Equal(expected + "\n", Render("%(T)s %(M)s %(D)s %(L)s", TestRequests.Get(), microseconds: microseconds));
    }

    [Fact]
    public void TheTimeIsWrittenInItsOwnOffset()
    {
        var entry = new AccessLogEntry(TestRequests.Get(), 200, 0, new DateTimeOffset(2026, 7, 4, 23, 59, 58, TimeSpan.FromHours(2)), TimeSpan.Zero);

        Assert.Equal("[04/Jul/2026:23:59:58 +0200]\n", Render("%(t)s", entry));
    }

    [Fact]
    public void NonAsciiTextIsWrittenAsUtf8()
    {
        var context = TestRequests.Get("/café", "");
        context.Request.Headers.UserAgent = "Navigateur/1.0 (français)";

        Assert.Equal("/café Navigateur/1.0 (français)\n", Render("%(U)s %(a)s", context));
    }
}
