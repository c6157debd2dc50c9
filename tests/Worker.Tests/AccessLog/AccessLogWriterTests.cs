using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Supervisor.Worker.AccessLog;
using Worker.Tests.AccessLog.Support;

namespace Worker.Tests.AccessLog;

public sealed class AccessLogWriterTests
{
    [Fact]
    public void AFailingSinkIsReportedOnceAndNeverFailsTheRequest()
    {
        var sink = new FlakySink { Failing = true };
        var logger = new CountingLogger();
        using var writer = new AccessLogWriter(new TextLayout(AccessLogFormat.Parse("%(s)s"), 1), sink, logger);

        writer.Write(TestRequests.Entry(TestRequests.Get()));
        writer.Write(TestRequests.Entry(TestRequests.Get()));
        Assert.Equal(1, logger.Errors);

        sink.Failing = false;
        writer.Write(TestRequests.Entry(TestRequests.Get()));
        sink.Failing = true;
        writer.Write(TestRequests.Entry(TestRequests.Get()));

        Assert.Equal(2, logger.Errors);
        Assert.Equal(1, sink.Written);
    }

    [Fact]
    public void LinesLongerThanTheRetainedBufferAreWrittenWhole()
    {
        var sink = new MemorySink();
        using var writer = new AccessLogWriter(new TextLayout(AccessLogFormat.Parse("%({x-big}i)s"), 1), sink, NullLogger.Instance);
        var context = TestRequests.Get();
        context.Request.Headers["X-Big"] = new string('a', 200_000);

        writer.Write(TestRequests.Entry(context));
        writer.Write(TestRequests.Entry(TestRequests.Get()));

        Assert.Equal([new string('a', 200_000) + "\n", "-\n"], sink.Lines);
    }

    [Fact]
    public async Task ConcurrentRequestsEachGetTheirOwnWholeLine()
    {
        var sink = new MemorySink();
        using var writer = new AccessLogWriter(new TextLayout(AccessLogFormat.Parse("%(U)s"), 1), sink, NullLogger.Instance);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                writer.Write(TestRequests.Entry(TestRequests.Get($"/{worker}/{i}", "")));
            }
        })));

        var expected = Enumerable.Range(0, 8).SelectMany(w => Enumerable.Range(0, 500).Select(i => $"/{w}/{i}\n")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, sink.Lines.Order(StringComparer.Ordinal));
    }

    private sealed class FlakySink : IAccessLogSink
    {
        public bool Failing { get; set; }

        public int Written { get; private set; }

        public void Write(ReadOnlySpan<byte> line)
        {
            if (Failing)
            {
                throw new IOException("No space left on device");
            }

            Written++;
        }

        public void Dispose()
        {
        }
    }

    private sealed class CountingLogger : ILogger
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error)
            {
                Errors++;
            }
        }
    }
}
