using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Supervisor.Worker.AccessLog;
using Worker.Tests.AccessLog.Support;

namespace Worker.Tests.AccessLog;

public sealed class AccessLogMiddlewareTests
{
    private const string Format = "%(t)s %(s)s %(B)s %(b)s %(D)s";

    private readonly MemorySink _sink = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1)));

    private AccessLogMiddleware Middleware(RequestDelegate app) =>
        new(app, new AccessLogWriter(new TextLayout(AccessLogFormat.Parse(Format), 1), _sink, NullLogger.Instance), _time);

    private async Task<string> RunAsync(RequestDelegate app, HttpContext? context = null)
    {
        await Middleware(app).InvokeAsync(context ?? TestRequests.Get());
        return Assert.Single(_sink.Lines);
    }

    public sealed class Lines
    {
        private readonly AccessLogMiddlewareTests _t = new();

        [Fact]
        public async Task OneLineAfterTheAppWithStatusSizeAndTime()
        {
            var line = await _t.RunAsync(async context =>
            {
                _t._time.Advance(TimeSpan.FromMilliseconds(12.5));
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("not here");
            });

            Assert.Equal("[25/Nov/2026:10:00:00 +0100] 404 8 8 12500\n", line);
        }

        [Fact]
        public async Task NothingWrittenIsZeroAndADash()
        {
            Assert.Equal("[25/Nov/2026:10:00:00 +0100] 204 0 - 0\n", await _t.RunAsync(context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            }));
        }

        [Fact]
        public async Task AnAppThatThrowsBeforeRespondingIsLoggedAs500AndTheExceptionGoesOn()
        {
            var middleware = _t.Middleware(_ => throw new InvalidOperationException("boom"));

            await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(TestRequests.Get()));

            Assert.Equal("[25/Nov/2026:10:00:00 +0100] 500 0 - 0\n", Assert.Single(_t._sink.Lines));
        }

        [Fact]
        public async Task AnAppThatThrowsAfterTheResponseStartedKeepsItsStatus()
        {
            var context = TestRequests.Get();
            context.Features.Set<IHttpResponseFeature>(new StartedResponse());
            var middleware = _t.Middleware(async c =>
            {
                c.Response.StatusCode = 200;
                await c.Response.Body.WriteAsync("partial"u8.ToArray());
                throw new IOException("connection reset");
            });

            await Assert.ThrowsAsync<IOException>(() => middleware.InvokeAsync(context));

            Assert.Equal("[25/Nov/2026:10:00:00 +0100] 200 7 7 0\n", Assert.Single(_t._sink.Lines));
        }

        [Fact]
        public async Task AClientThatGoesAwayStillGetsOneLine()
        {
            using var aborted = new CancellationTokenSource();
            var context = TestRequests.Get();
            context.RequestAborted = aborted.Token;
            var middleware = _t.Middleware(async c =>
            {
                await aborted.CancelAsync();
                await Task.Delay(Timeout.Infinite, c.RequestAborted);
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => middleware.InvokeAsync(context));

            Assert.Single(_t._sink.Lines);
        }

        [Fact]
        public async Task TheServersBodyIsRestoredAfterTheRequest()
        {
            var context = TestRequests.Get();
            var server = context.Features.Get<IHttpResponseBodyFeature>();
            IHttpResponseBodyFeature? during = null;

            await _t.RunAsync(c =>
            {
                during = c.Features.Get<IHttpResponseBodyFeature>();
                return Task.CompletedTask;
            }, context);

            Assert.IsType<CountingResponseBody>(during);
            Assert.Same(server, context.Features.Get<IHttpResponseBodyFeature>());
        }
    }

    public sealed class BytesSent
    {
        private readonly AccessLogMiddlewareTests _t = new();

        private async Task<(string Line, byte[] Body)> RunAsync(RequestDelegate app)
        {
            var context = TestRequests.Get();
            var body = (MemoryStream)context.Response.Body;
            var line = await _t.RunAsync(app, context);
            return (line, body.ToArray());
        }

        [Fact]
        public async Task CountsWritesThroughTheStream()
        {
            var (line, body) = await RunAsync(async context =>
            {
                context.Response.Body.Write("ab"u8);
                context.Response.Body.WriteByte((byte)'c');
                await context.Response.Body.WriteAsync("def"u8.ToArray().AsMemory());
#pragma warning disable CA1835 // The array overload is one of the ways under test.
                await context.Response.Body.WriteAsync("ghij"u8.ToArray(), 1, 2);
#pragma warning restore CA1835
            });

            Assert.Equal("abcdefhi", Encoding.ASCII.GetString(body));
            Assert.EndsWith(" 200 8 8 0\n", line, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CountsWritesThroughThePipeWriterAsChunkedResponsesMakeThem()
        {
            var (line, body) = await RunAsync(async context =>
            {
                var writer = context.Response.BodyWriter;
                for (var i = 0; i < 3; i++)
                {
                    "chunk"u8.CopyTo(writer.GetSpan(5));
                    writer.Advance(5);
                    await writer.FlushAsync();
                }

                await writer.WriteAsync("!!"u8.ToArray());
            });

            Assert.Equal("chunkchunkchunk!!", Encoding.ASCII.GetString(body));
            Assert.EndsWith(" 200 17 17 0\n", line, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CountsNonAsciiTextInBytes()
        {
            var (line, _) = await RunAsync(context => context.Response.WriteAsync("café"));

            Assert.EndsWith(" 200 5 5 0\n", line, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CountsSentFiles()
        {
            var path = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(path, "0123456789");
                var (line, body) = await RunAsync(async context =>
                {
                    await context.Response.SendFileAsync(path, 2, 3);
                    await context.Response.SendFileAsync(path, 7, null);
                });

                Assert.Equal("234789", Encoding.ASCII.GetString(body));
                Assert.EndsWith(" 200 6 6 0\n", line, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task DisposingTheBodyLeavesTheServersStreamOpen()
        {
            var (line, body) = await RunAsync(async context =>
            {
                await using (var stream = context.Response.Body)
                {
                    await stream.WriteAsync("x"u8.ToArray());
                }

                await context.Response.WriteAsync("y");
            });

            Assert.Equal("xy", Encoding.ASCII.GetString(body));
            Assert.EndsWith(" 200 2 2 0\n", line, StringComparison.Ordinal);
        }
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
