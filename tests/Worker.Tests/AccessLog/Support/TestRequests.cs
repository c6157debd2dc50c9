using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Supervisor.Worker.AccessLog;

namespace Worker.Tests.AccessLog.Support;

/// <summary>Requests and entries as Kestrel would hand them over, built on DefaultHttpContext.</summary>
internal static class TestRequests
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>GET /path?q=1 from 10.0.0.7 over HTTP/1.1, with a user agent.</summary>
    public static DefaultHttpContext Get(string path = "/path", string query = "?q=1")
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "GET";
        request.Path = path;
        request.QueryString = new QueryString(query);
        request.Protocol = "HTTP/1.1";
        request.Headers.UserAgent = "curl/8.0";
        context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = path + query;
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.7");
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static AccessLogEntry Entry(HttpContext context, int status = 200, long bytes = 0, long microseconds = 12_345) =>
        new(context, status, bytes, Start, TimeSpan.FromMicroseconds(microseconds));
}
