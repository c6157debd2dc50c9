using Microsoft.Extensions.Logging.Abstractions;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Protocol;
using Worker.Tests.AccessLog.Support;

namespace Worker.Tests.AccessLog;

/// <summary>The hot path: once warm, rendering and writing a line allocates nothing.</summary>
public sealed class AllocationTests
{
    private const string Format = WorkerContract.DefaultAccessLogFormat + " %(m)s %(U)s %(q)s %(H)s %(B)s %(T)s %(M)s %(D)s %(L)s %(p)s %({x-request-id}i)s %({content-type}o)s";

    private static long AllocatedWriting(IAccessLogLayout layout)
    {
        using var writer = new AccessLogWriter(layout, new DiscardingSink(), NullLogger.Instance);
        var context = TestRequests.Get();
        context.Request.Headers.Referer = "http://example.com/";
        context.Request.Headers["X-Request-Id"] = "abc";
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String("bob:pw"u8);
        context.Response.Headers.ContentType = "text/plain";
        var entry = TestRequests.Entry(context, 200, 13);
        for (var i = 0; i < 10; i++)
        {
            writer.Write(entry);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            writer.Write(entry);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void TheTextLineAllocatesNothing()
    {
        Assert.Equal(0, AllocatedWriting(new TextLayout(AccessLogFormat.Parse(Format), 1)));
    }

    [Fact]
    public void TheJsonLineAllocatesNothing()
    {
        Assert.Equal(0, AllocatedWriting(new JsonLayout(AccessLogFormat.Parse(Format), 1)));
    }

    private sealed class DiscardingSink : IAccessLogSink
    {
        public void Write(ReadOnlySpan<byte> line)
        {
        }

        public void Dispose()
        {
        }
    }
}
