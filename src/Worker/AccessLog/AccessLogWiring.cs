using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.AccessLog;

/// <summary>The two calls that give a supervised worker its access log; both do nothing when it is off.</summary>
internal static class AccessLogWiring
{
    public const string LoggerCategory = "Supervisor.Worker.AccessLog";

    /// <summary>
    /// Registers the writer unless the app turned its access log off, or SUPERVISOR_ACCESS_LOG is empty and syslog
    /// does not take access lines. The file opens when the pipeline is built.
    /// </summary>
    public static void Register(IServiceCollection services, WorkerContract contract, LogReopenSignal reopenLogs, bool enabled)
    {
        if (enabled && (contract.AccessLog.Length > 0 || SyslogSettings.From(contract) is { Access: true }))
        {
            services.AddSingleton(provider =>
                Create(contract, reopenLogs, provider.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory)));
        }
    }

    /// <summary>Adds the middleware when the access log is on.</summary>
    public static void Use(IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<AccessLogWriter>() is { } log)
        {
            app.Use(next => new AccessLogMiddleware(next, log, TimeProvider.System).InvokeAsync);
        }
    }

    private static AccessLogWriter Create(WorkerContract contract, LogReopenSignal reopenLogs, ILogger logger)
    {
        var format = AccessLogFormat.Parse(contract.AccessLogFormat);
        foreach (var problem in format.Problems)
        {
            AccessLogMessages.FormatProblem(logger, problem);
        }

        var pid = Environment.ProcessId;
        IAccessLogLayout layout = contract.LogFormat == "json" ? new JsonLayout(format, pid) : new TextLayout(format, pid);
        var sink = contract.AccessLog.Length > 0 ? OpenSink(contract.AccessLog, reopenLogs, logger) : null;
        return new AccessLogWriter(layout, SyslogSettings.From(contract) is { Access: true } syslog ? new SyslogAccessSink(sink, new SyslogSender(syslog)) : sink!, logger);
    }

    private static IAccessLogSink OpenSink(string accessLog, LogReopenSignal reopenLogs, ILogger logger)
    {
        if (accessLog == "-")
        {
            return new StdoutSink();
        }

        FileSink file;
        try
        {
            file = new FileSink(accessLog);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BootFailure.Exit($"cannot open the access log '{accessLog}': {e.Message}");
            throw;
        }

        reopenLogs.Requested += (_, _) =>
        {
            // Raised from a signal handler on the thread pool: an exception here would end the process.
            try
            {
                file.Reopen();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                AccessLogMessages.ReopenFailed(logger, file.Path, e);
            }
        };
        return file;
    }
}
