using Supervisor.Worker.Logging;
using Worker.Tests.Support;

namespace Worker.Tests.Logging;

/// <summary>The error log's warnings, errors, exceptions and critical lines are counted in statsd, as Gunicorn's are.</summary>
public sealed class StatsdLogSinkTests : IDisposable
{
    private readonly StatsdListener _statsd = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("supervisor-statsd-log-").FullName;

    public void Dispose()
    {
        _statsd.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EachLevelHasItsCounterAndAnErrorWithItsExceptionIsAnException()
    {
        using (var logger = SupervisorLog.Create(new LogSettings(LogLevelName.Info, LogFormat.Text, Path.Combine(_folder, "error.log")) { Statsd = _statsd.Settings("shop", "env:prod") }))
        {
            logger.Information("Booting worker with pid: {Pid}", 7);
            logger.Warning("Worker (pid:{Pid}) was sent SIGTERM!", 7);
            logger.Error("Worker (pid:{Pid}) exited with code {Code}", 7, 1);
            logger.Error(new InvalidOperationException("boom"), "Error handling request");
            logger.Fatal("Shutting down: {Reason}", "App failed to load.");
            logger.ForContext(GunicornTextFormatter.CapturedPid, 7).Error("a line the worker printed to stderr");
            logger.Warning("the last line");
        }

        Assert.Equal("shop.gunicorn.log.warning:1|c|@1.0|#env:prod", await _statsd.NextAsync());
        Assert.Equal("shop.gunicorn.log.error:1|c|@1.0|#env:prod", await _statsd.NextAsync());
        Assert.Equal("shop.gunicorn.log.exception:1|c|@1.0|#env:prod", await _statsd.NextAsync());
        Assert.Equal("shop.gunicorn.log.critical:1|c|@1.0|#env:prod", await _statsd.NextAsync());

        // Neither the info line nor the captured one was counted: the next datagram is the last warning.
        Assert.Equal("shop.gunicorn.log.warning:1|c|@1.0|#env:prod", await _statsd.NextAsync());
    }
}
