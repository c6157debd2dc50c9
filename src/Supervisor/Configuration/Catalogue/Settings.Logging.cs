using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>The error log and the access log, written by the master and each worker.</summary>
internal static partial class Settings
{
    public static readonly Setting<LogLevelName> LogLevel = new()
    {
        Key = "loglevel",
        Section = LoggingSection,
        GunicornDifference = "An unknown level is an error; Gunicorn quietly uses info.",
        Type = "debug, info, warning, error or critical",
        Default = "info",
        Help = "Minimum level of the error log.",
        Flag = "--log-level",
        HelpName = "LEVEL",
        Parse = value => value.Choice(LogLevelName.Info),
        Worker = (contract, level) => contract with { LogLevel = level.ToString().ToLowerInvariant() },
    };

    public static readonly Setting<string?> AccessLog = new()
    {
        Key = "accesslog",
        Section = LoggingSection,
        Type = "path, or \"-\" for stdout",
        DefaultNote = "no access log",
        Help = "Where the access log goes. Unset: no access log.",
        Flag = "--access-logfile",
        HelpName = "FILE",
        Parse = value => value.Path(dashIsStream: true),
        Worker = (contract, path) => contract with { AccessLog = path ?? "" },
    };

    public static readonly Setting<string> ErrorLog = new()
    {
        Key = "errorlog",
        Section = LoggingSection,
        Type = "path, or \"-\" for stderr",
        Default = "-",
        Help = "Where the error log goes.",
        Details = "USR1 reopens it, in the master and every worker, after the file is rotated.",
        Flag = "--error-logfile",
        Aliases = ["--log-file"],
        HelpName = "FILE",
        Unset = "-",
        Parse = value => value.Path(dashIsStream: true) ?? "-",
        Worker = (contract, path) => contract with { ErrorLog = path },
    };

    public static readonly Setting<bool> CaptureOutput = new()
    {
        Key = "capture_output",
        Section = LoggingSection,
        Type = "boolean",
        Default = false,
        Help = "Write what workers print to stdout and stderr into the error log file, line by line under the worker's pid.",
        Details = "Lines from stdout are logged at INFO, from stderr at ERROR; a line longer than 16 KiB is cut. As Gunicorn, it applies when errorlog is a file: with `\"-\"` the output is on stderr already.",
        Flag = "--capture-output",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    public static readonly Setting<string> AccessLogFormat = new()
    {
        Key = "access_log_format",
        Section = LoggingSection,
        Type = "string",
        Default = WorkerContract.DefaultAccessLogFormat,
        Help = "Access log line format, with Gunicorn's atoms (%(h)s, %(r)s, %(s)s, ...).",
        Flag = "--access-logformat",
        HelpName = "FORMAT",
        Unset = WorkerContract.DefaultAccessLogFormat,
        Parse = value => value.String(),
        Worker = (contract, format) => contract with { AccessLogFormat = format },
    };

    public static readonly Setting<LogFormat> LogFormat = new()
    {
        Key = "log_format",
        Section = LoggingSection,
        Ours = true,
        Type = "\"text\" or \"json\"",
        Default = "text",
        Help = "Log lines as Gunicorn-style text or as one JSON object per line.",
        Flag = "--log-format",
        HelpName = "text|json",
        Parse = value => value.Choice(Worker.Logging.LogFormat.Text),
        Worker = (contract, format) => contract with { LogFormat = format.ToString().ToLowerInvariant() },
    };
}
