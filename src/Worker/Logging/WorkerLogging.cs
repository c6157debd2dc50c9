using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serilog;
using Serilog.Extensions.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Logging;

/// <summary>Routes a worker's logs through the master's Serilog setup, so both write one format to one place.</summary>
internal static class WorkerLogging
{
    /// <param name="errorLogOnly">Whether to remove every provider registered so far, not only the host's console logger.</param>
    public static void Apply(IServiceCollection services, WorkerContract contract, LogReopenSignal reopenLogs, bool errorLogOnly)
    {
        var level = Enum.Parse<LogLevelName>(contract.LogLevel, ignoreCase: true);
        var logger = SupervisorLog.Create(LogSettings.From(contract), out var file);
        if (file is not null)
        {
            reopenLogs.Requested += (_, _) => file.Reopen();
        }

        services.AddLogging(logging =>
        {
            // The host's console logger would write every line a second time, in its own format, to stdout, where the
            // access log may go: the error log carries those lines. The app's other providers keep theirs.
            if (errorLogOnly)
            {
                logging.ClearProviders();
            }
            else
            {
                foreach (var console in services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
                {
                    services.Remove(console);
                }
            }

            logging.AddSerilog(logger, dispose: true);
            logging.SetMinimumLevel(ToMicrosoft(level));

            // The framework's per-request lines belong in the access log, not the error log. AddSerilog adds a
            // rule for its own provider that outranks category rules for all providers, so these name it too.
            if (level != LogLevelName.Debug)
            {
                logging.AddFilter<SerilogLoggerProvider>("Microsoft.AspNetCore", Microsoft.Extensions.Logging.LogLevel.Warning);
                logging.AddFilter<SerilogLoggerProvider>("Microsoft.Hosting.Lifetime", Microsoft.Extensions.Logging.LogLevel.Warning);
            }
        });
    }

    private static Microsoft.Extensions.Logging.LogLevel ToMicrosoft(LogLevelName level) => level switch
    {
        LogLevelName.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
        LogLevelName.Info => Microsoft.Extensions.Logging.LogLevel.Information,
        LogLevelName.Warning => Microsoft.Extensions.Logging.LogLevel.Warning,
        LogLevelName.Error => Microsoft.Extensions.Logging.LogLevel.Error,
        _ => Microsoft.Extensions.Logging.LogLevel.Critical,
    };
}
