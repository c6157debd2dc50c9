using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Supervisor.Worker.AccessLog;
using Worker.Tests.AccessLog.Support;

namespace Worker.Tests.AccessLog;

public sealed class JsonLayoutTests
{
    private static string Render(string format, AccessLogEntry entry)
    {
        var line = new ArrayBufferWriter<byte>();
        new JsonLayout(AccessLogFormat.Parse(format, name => name == "STAGE" ? "prod" : null), 4711).Render(entry, line);
        return Encoding.UTF8.GetString(line.WrittenSpan);
    }

    private static JsonElement Parse(string line)
    {
        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.TrimEnd('\n'));
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static DefaultHttpContext NotFound()
    {
        var context = TestRequests.Get("/missing", "?q=1&x=2");
        context.Request.Headers.Referer = "http://example.com/from";
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String("bob:pw"u8);
        context.Request.Headers["X-Request-Id"] = "req \"42\"";
        context.Response.StatusCode = 404;
        context.Response.Headers.ContentType = "text/plain";
        return context;
    }

    [Fact]
    public void WritesEveryAtomUnderItsSnakeCaseName()
    {
        var json = Parse(Render("%(h)s", TestRequests.Entry(NotFound(), 404, 13, 1_234_567)));

        Assert.Equal(
            [
                "remote_addr", "user", "time", "request_line", "method", "path", "query", "protocol", "status", "bytes", "referer",
                "user_agent", "request_time", "request_time_us", "pid",
            ],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("10.0.0.7", json.GetProperty("remote_addr").GetString());
        Assert.Equal("bob", json.GetProperty("user").GetString());
        Assert.Equal(TestRequests.Start, json.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("GET /missing?q=1&x=2 HTTP/1.1", json.GetProperty("request_line").GetString());
        Assert.Equal("GET", json.GetProperty("method").GetString());
        Assert.Equal("/missing", json.GetProperty("path").GetString());
        Assert.Equal("q=1&x=2", json.GetProperty("query").GetString());
        Assert.Equal("HTTP/1.1", json.GetProperty("protocol").GetString());
        Assert.Equal(404, json.GetProperty("status").GetInt32());
        Assert.Equal(13, json.GetProperty("bytes").GetInt64());
        Assert.Equal("http://example.com/from", json.GetProperty("referer").GetString());
        Assert.Equal("curl/8.0", json.GetProperty("user_agent").GetString());
        Assert.Equal(1.234567m, json.GetProperty("request_time").GetDecimal());
        Assert.Equal(1_234_567, json.GetProperty("request_time_us").GetInt64());
        Assert.Equal(4711, json.GetProperty("pid").GetInt32());
    }

    [Fact]
    public void LeavesOutAtomsWithoutAValue()
    {
        var context = TestRequests.Get("/", "");
        context.Request.Headers.Remove("User-Agent");
        context.Connection.RemoteIpAddress = null;

        var json = Parse(Render("%(h)s", TestRequests.Entry(context, 200, 0)));

        foreach (var name in new[] { "remote_addr", "user", "query", "referer", "user_agent", "request_headers", "response_headers", "environ" })
        {
            Assert.False(json.TryGetProperty(name, out _), name);
        }

        Assert.Equal(0, json.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void HeaderAndEnvironmentAtomsOfTheFormatGoInNestedObjects()
    {
        var format = "%({X-Request-Id}i)s %({x-missing}i)s %({content-type}o)s %({STAGE}e)s %({MISSING}e)s %({x-request-id}i)s";

        var json = Parse(Render(format, TestRequests.Entry(NotFound(), 404, 13)));

        Assert.Equal("{\"x-request-id\":\"req \\\"42\\\"\"}", json.GetProperty("request_headers").GetRawText());
        Assert.Equal("{\"content-type\":\"text/plain\"}", json.GetProperty("response_headers").GetRawText());
        Assert.Equal("{\"STAGE\":\"prod\"}", json.GetProperty("environ").GetRawText());
    }

    [Fact]
    public void SmallRequestTimesStayPlainDecimals()
    {
        var line = Render("%(h)s", TestRequests.Entry(TestRequests.Get(), microseconds: 12));

        Assert.Contains("\"request_time\":0.000012,", line, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsNonAsciiAndHtmlCharactersReadable()
    {
        var context = TestRequests.Get("/café", "?a=<b>&c=+");

        var line = Render("%(h)s", TestRequests.Entry(context));

        Assert.Contains("\"path\":\"/café\"", line, StringComparison.Ordinal);
        Assert.Contains("\"query\":\"a=<b>&c=+\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapesControlCharactersAndQuotes()
    {
        var context = TestRequests.Get();
        context.Request.Headers.UserAgent = "a\"b\\c\td";

        Assert.Equal("a\"b\\c\td", Parse(Render("%(h)s", TestRequests.Entry(context))).GetProperty("user_agent").GetString());
    }
}
