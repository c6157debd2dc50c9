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

    public static readonly Setting<bool> Syslog = new()
    {
        Key = "syslog",
        Section = LoggingSection,
        Type = "boolean",
        Default = false,
        Help = "Send the error log, and the access log unless disable_redirect_access_to_syslog, to syslog at syslog_addr.",
        Details = "The master and every worker send their own lines, in the format of RFC 5424: APP-NAME is syslog_prefix, PROCID the pid of the process that logged, MSGID `error` or `access`. A datagram that cannot go at once is dropped; over TCP or a unix stream socket at most 1000 messages wait for a slow or absent syslog, then they are dropped and counted, so a request never waits for syslog.",
        GunicornDifference = "Messages follow RFC 5424, with the process's pid and error or access as MSGID; Gunicorn sends `<PRI>gunicorn.PREFIX.error: [PID] message` without a header.",
        Flag = "--log-syslog",
        HelpName = "true|false",
        Parse = value => value.Bool(),
        Worker = (contract, on) => contract with { Syslog = on },
    };

    public static readonly Setting<string> SyslogAddr = new()
    {
        Key = "syslog_addr",
        Section = LoggingSection,
        Type = "udp://HOST:PORT, tcp://HOST:PORT or unix://PATH",
        Default = DefaultSyslogAddr,
        Help = "Where syslog messages go. unix://PATH#dgram or unix://PATH#stream says which kind the socket is; without it a datagram socket is tried first.",
        Details = "As Gunicorn's, the default is unix:///var/run/syslog on macOS, unix:///var/run/log on FreeBSD, and udp://localhost:514 elsewhere. Over TCP each message is framed by its length (RFC 6587 octet counting).",
        Flag = "--log-syslog-to",
        HelpName = "SYSLOG_ADDR",
        Unset = DefaultSyslogAddr,
        Parse = value => Address(value, LogAddress.ParseSyslog),
        Worker = (contract, address) => contract with { SyslogAddr = address },
    };

    public static readonly Setting<string?> SyslogPrefix = new()
    {
        Key = "syslog_prefix",
        Section = LoggingSection,
        Type = "up to 48 printable ASCII characters",
        DefaultNote = "\"supervisor\"",
        Help = "The program name (RFC 5424's APP-NAME) of every syslog message.",
        GunicornDifference = "It is the whole APP-NAME; Gunicorn's program name is gunicorn.PREFIX.error or gunicorn.PREFIX.access.",
        Flag = "--log-syslog-prefix",
        HelpName = "SYSLOG_PREFIX",
        Parse = value =>
        {
            var prefix = value.OptionalString();
            if (prefix is not null && (prefix.Length > 48 || prefix.Any(c => c is <= ' ' or > '~')))
            {
                value.Invalid("at most 48 printable ASCII characters without spaces, as RFC 5424 allows in APP-NAME");
            }

            return prefix;
        },
        Worker = (contract, prefix) => contract with { SyslogPrefix = prefix ?? "" },
    };

    public static readonly Setting<string> SyslogFacility = new()
    {
        Key = "syslog_facility",
        Section = LoggingSection,
        Type = "a facility name: user, daemon, local0..local7, ...",
        Default = Worker.Logging.SyslogFacility.Default,
        Help = "The syslog facility of every message, by name, in any case.",
        Flag = "--log-syslog-facility",
        HelpName = "SYSLOG_FACILITY",
        Unset = Worker.Logging.SyslogFacility.Default,
        Parse = value =>
        {
            var name = value.String();
            if (name.Length > 0 && Worker.Logging.SyslogFacility.Code(name) is null)
            {
                value.Invalid("one of " + string.Join(", ", Worker.Logging.SyslogFacility.Names));
            }

            return name.ToLowerInvariant();
        },
        Worker = (contract, facility) => contract with { SyslogFacility = facility },
    };

    public static readonly Setting<bool> DisableRedirectAccessToSyslog = new()
    {
        Key = "disable_redirect_access_to_syslog",
        Section = LoggingSection,
        Type = "boolean",
        Default = false,
        Help = "Keep access log lines out of syslog. Otherwise, with syslog on, each request's line goes there too, whether or not accesslog is set.",
        Flag = "--disable-redirect-access-to-syslog",
        HelpName = "true|false",
        Parse = value => value.Bool(),
        Worker = (contract, disable) => contract with { DisableRedirectAccessToSyslog = disable },
    };

    private static string DefaultSyslogAddr =>
        OperatingSystem.IsMacOS() ? "unix:///var/run/syslog" : OperatingSystem.IsFreeBSD() ? "unix:///var/run/log" : "udp://localhost:514";

    /// <summary>An address <paramref name="parse"/> reads, reported as a problem when it is not one.</summary>
    private static string Address(ValueReader value, LogAddress.Parser parse)
    {
        var text = value.String();
        if (text.Length > 0 && parse(text, out var error) is null)
        {
            value.Problem($"{value.Setting.Key} = {value.Raw.Display} is not valid: {error}");
        }

        return text;
    }
}
