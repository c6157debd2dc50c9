using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Logging.Debug;
using Serilog.Extensions.Logging;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Worker.Tests.Logging;

/// <summary>The worker's error log beside the app's own logging providers.</summary>
public sealed class WorkerLoggingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("worker-logging-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ErrorLog => Path.Combine(_folder, "error.log");

    /// <summary>An app's services as WebApplication.CreateBuilder leaves them, plus a provider of the app's own.</summary>
    private static ServiceCollection AppServices(AppProvider own)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().AddDebug().AddProvider(own));
        return services;
    }

    private ServiceProvider Apply(ServiceCollection services, bool errorLogOnly)
    {
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1, ErrorLog = ErrorLog };
        WorkerLogging.Apply(services, contract, new LogReopenSignal(), errorLogOnly);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void KeepsTheAppsProvidersButTheConsoleLoggerAndWritesTheErrorLogInGunicornsFormat()
    {
        var own = new AppProvider();
        using (var provider = Apply(AppServices(own), errorLogOnly: false))
        {
            var providers = provider.GetServices<ILoggerProvider>().Select(p => p.GetType()).ToList();
            Assert.Equal([typeof(DebugLoggerProvider), typeof(AppProvider), typeof(SerilogLoggerProvider)], providers);

            provider.GetRequiredService<ILoggerFactory>().CreateLogger("App").LogWarning("Disk {Name} is full", "sda");
        }

        Assert.Equal(["Disk sda is full"], own.Messages);
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[WARNING\] Disk sda is full$", Assert.Single(File.ReadAllLines(ErrorLog)));
    }

    [Fact]
    public void ErrorLogOnlyLeavesTheErrorLogAlone()
    {
        using var provider = Apply(AppServices(new AppProvider()), errorLogOnly: true);

        Assert.Equal([typeof(SerilogLoggerProvider)], provider.GetServices<ILoggerProvider>().Select(p => p.GetType()));
        Assert.DoesNotContain(provider.GetServices<ILoggerProvider>(), p => p is ConsoleLoggerProvider);
    }

    /// <summary>A provider the app registered itself, recording what reaches it.</summary>
    private sealed class AppProvider : ILoggerProvider, ILogger
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
