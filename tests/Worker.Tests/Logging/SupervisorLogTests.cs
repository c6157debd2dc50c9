using System.Text.Json;
using Serilog.Events;
using Supervisor.Worker.Logging;

namespace Worker.Tests.Logging;

public sealed class SupervisorLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supervisor-log-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesTextLinesToTheErrorLogFileAtTheConfiguredLevel()
    {
        var file = Path.Combine(_folder, "error.log");
        using (var logger = SupervisorLog.Create(new LogSettings(LogLevelName.Warning, LogFormat.Text, file)))
        {
            logger.Information("hidden");
            logger.Warning("Worker (pid:{Pid}) was sent SIGTERM!", 77);
        }

        var line = Assert.Single(File.ReadAllLines(file));
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[WARNING\] Worker \(pid:77\) was sent SIGTERM!$", line);
        Assert.Contains($"[{Environment.ProcessId}]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesOneJsonObjectPerLineInJsonFormat()
    {
        var file = Path.Combine(_folder, "error.json");
        using (var logger = SupervisorLog.Create(new LogSettings(LogLevelName.Debug, LogFormat.Json, file)))
        {
            logger.Debug("Booting worker with pid: {Pid}", 99);
            logger.Fatal("WORKER TIMEOUT (pid:{Pid})", 99);
        }

        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("Booting worker with pid: 99", first.RootElement.GetProperty("@m").GetString());
        Assert.Equal("Debug", first.RootElement.GetProperty("@l").GetString());
        Assert.Equal(Environment.ProcessId, first.RootElement.GetProperty("pid").GetInt32());
        Assert.Equal(99, first.RootElement.GetProperty("Pid").GetInt32());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("Fatal", second.RootElement.GetProperty("@l").GetString());
    }

    [Theory]
    [InlineData("Debug", LogEventLevel.Debug)]
    [InlineData("Info", LogEventLevel.Information)]
    [InlineData("Warning", LogEventLevel.Warning)]
    [InlineData("Error", LogEventLevel.Error)]
    [InlineData("Critical", LogEventLevel.Fatal)]
    public void MapsGunicornLevelsToSerilogs(string name, LogEventLevel level)
    {
        Assert.Equal(level, SupervisorLog.ToSerilog(Enum.Parse<LogLevelName>(name)));
    }
}
