namespace Supervisor.Worker;

/// <summary>
/// What an app may tune about the worker it becomes, through
/// <c>builder.UseSupervisorWorker(options =&gt; ...)</c>. Everything else (sockets, quota, timeouts, log level, log
/// format and files) is the master's configuration, the same for every worker, and is not tuned here.
/// </summary>
public sealed class SupervisorWorkerOptions
{
    /// <summary>
    /// Whether the worker writes a line per request to the access log that the master's <c>accesslog</c> setting
    /// names. Default <see langword="true"/>. Turn it off for an app that logs its requests itself: with the setting
    /// on, this app's workers then write no access log.
    /// </summary>
    public bool AccessLog { get; set; } = true;

    /// <summary>
    /// Whether the worker's error log is the app's only logging provider. Default <see langword="false"/>: the
    /// providers the app registered (Serilog, OpenTelemetry, Debug and so on) keep receiving its log events, and the
    /// worker's error log (the master's <c>errorlog</c>, in Gunicorn's format) receives them too. Only the host's
    /// console logger is removed, because the error log already writes those lines, in the master's format. Set it
    /// to remove every provider registered before <c>UseSupervisorWorker</c>.
    /// </summary>
    public bool ErrorLogOnly { get; set; }
}
