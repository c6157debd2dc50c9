using Serilog.Events;
using Serilog.Parsing;
using Supervisor.Worker.Logging;

namespace Worker.Tests.Logging;

public sealed class GunicornTextFormatterTests
{
    private static LogEvent Event(LogEventLevel level, string template, Exception? exception = null, params LogEventProperty[] properties) =>
        new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), level, exception,
            new MessageTemplateParser().Parse(template), properties);

    private static string Format(LogEvent logEvent)
    {
        using var output = new StringWriter();
        new GunicornTextFormatter(1234).Format(logEvent, output);
        return output.ToString();
    }

    [Fact]
    public void WritesGunicornsLine()
    {
        var line = Format(Event(LogEventLevel.Information, "Starting supervisor {Version}", null,
            new LogEventProperty("Version", new ScalarValue("0.1.0"))));

        Assert.Equal("[2026-11-25 10:00:00 +0000] [1234] [INFO] Starting supervisor 0.1.0\n", line);
    }

    [Theory]
    [InlineData(LogEventLevel.Debug, "DEBUG")]
    [InlineData(LogEventLevel.Information, "INFO")]
    [InlineData(LogEventLevel.Warning, "WARNING")]
    [InlineData(LogEventLevel.Error, "ERROR")]
    [InlineData(LogEventLevel.Fatal, "CRITICAL")]
    public void NamesLevelsAsGunicornDoes(LogEventLevel level, string name)
    {
        Assert.Contains($"[{name}]", Format(Event(level, "x")), StringComparison.Ordinal);
    }

    [Fact]
    public void WritesTheOffsetWithoutAColon()
    {
        var logEvent = new LogEvent(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromMinutes(-330)),
            LogEventLevel.Information, null, new MessageTemplateParser().Parse("x"), []);

        Assert.StartsWith("[2026-11-25 10:00:00 -0530]", Format(logEvent), StringComparison.Ordinal);
    }

    [Fact]
    public void RendersStringsWithoutQuotes()
    {
        var line = Format(Event(LogEventLevel.Information, "Listening at: {Url} ({Pid})", null,
            new LogEventProperty("Url", new ScalarValue("http://127.0.0.1:8000")),
            new LogEventProperty("Pid", new ScalarValue(42))));

        Assert.EndsWith("Listening at: http://127.0.0.1:8000 (42)\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PutsTheExceptionOnTheFollowingLines()
    {
        var line = Format(Event(LogEventLevel.Error, "Unhandled exception in main loop", new InvalidOperationException("boom")));

        Assert.Contains("[ERROR] Unhandled exception in main loop\nSystem.InvalidOperationException: boom", line, StringComparison.Ordinal);
    }
}
