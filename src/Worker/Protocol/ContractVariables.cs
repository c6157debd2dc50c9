namespace Supervisor.Worker.Protocol;

/// <summary>
/// Names of the environment variables through which the master tells a worker what it needs.
/// The master sets all of them; a process without <see cref="ListenFds"/> is not supervised.
/// </summary>
public static class ContractVariables
{
    /// <summary>Comma-separated numbers of the inherited listening sockets, e.g. "3,4".</summary>
    /// <summary>What every variable of the contract starts with; the master sets them, nothing else may.</summary>
    public const string Prefix = "SUPERVISOR_";

    public const string ListenFds = "SUPERVISOR_LISTEN_FDS";

    /// <summary>Absolute path of the memory-mapped scoreboard file.</summary>
    public const string Scoreboard = "SUPERVISOR_SCOREBOARD";

    /// <summary>The worker's slot number in the scoreboard (0-based).</summary>
    public const string Slot = "SUPERVISOR_SLOT";

    /// <summary>The generation the worker belongs to (increases on every reload).</summary>
    public const string Generation = "SUPERVISOR_GENERATION";

    /// <summary>The master's process id; the worker exits when that process is gone.</summary>
    public const string MasterPid = "SUPERVISOR_MASTER_PID";

    /// <summary>The worker's request quota, already jittered by the master; 0 means no quota.</summary>
    public const string MaxRequests = "SUPERVISOR_MAX_REQUESTS";

    /// <summary>Keep-alive timeout in seconds.</summary>
    public const string KeepAlive = "SUPERVISOR_KEEPALIVE";

    /// <summary>Seconds a draining worker may take to finish its in-flight requests.</summary>
    public const string GracefulTimeout = "SUPERVISOR_GRACEFUL_TIMEOUT";

    /// <summary>Listen backlog to re-apply on every inherited socket.</summary>
    public const string Backlog = "SUPERVISOR_BACKLOG";

    /// <summary>Maximum size in bytes of the request line.</summary>
    public const string LimitRequestLine = "SUPERVISOR_LIMIT_REQUEST_LINE";

    /// <summary>Maximum number of request header fields.</summary>
    public const string LimitRequestFields = "SUPERVISOR_LIMIT_REQUEST_FIELDS";

    /// <summary>Maximum size in bytes of one request header field.</summary>
    public const string LimitRequestFieldSize = "SUPERVISOR_LIMIT_REQUEST_FIELD_SIZE";

    /// <summary>debug, info, warning, error or critical.</summary>
    public const string LogLevel = "SUPERVISOR_LOG_LEVEL";

    /// <summary>text or json.</summary>
    public const string LogFormat = "SUPERVISOR_LOG_FORMAT";

    /// <summary>Error log destination: "-" for stderr, or an absolute file path.</summary>
    public const string ErrorLog = "SUPERVISOR_ERROR_LOG";

    /// <summary>Access log destination: empty for off, "-" for stdout, or an absolute file path.</summary>
    public const string AccessLog = "SUPERVISOR_ACCESS_LOG";

    /// <summary>Gunicorn-style access log format.</summary>
    public const string AccessLogFormat = "SUPERVISOR_ACCESS_LOG_FORMAT";

    /// <summary>"true": send the error log to syslog (Gunicorn's syslog).</summary>
    public const string Syslog = "SUPERVISOR_SYSLOG";

    /// <summary>Gunicorn's syslog_addr: udp://HOST:PORT, tcp://HOST:PORT or unix://PATH.</summary>
    public const string SyslogAddr = "SUPERVISOR_SYSLOG_ADDR";

    /// <summary>Gunicorn's syslog_prefix, the APP-NAME of each message; empty: "supervisor".</summary>
    public const string SyslogPrefix = "SUPERVISOR_SYSLOG_PREFIX";

    /// <summary>Gunicorn's syslog_facility, by name.</summary>
    public const string SyslogFacility = "SUPERVISOR_SYSLOG_FACILITY";

    /// <summary>"true": access log lines do not go to syslog (Gunicorn's disable_redirect_access_to_syslog).</summary>
    public const string DisableRedirectAccessToSyslog = "SUPERVISOR_DISABLE_REDIRECT_ACCESS_TO_SYSLOG";

    /// <summary>Gunicorn's forwarded_allow_ips: the proxies whose forwarded headers are believed (addresses, CIDR networks, or *).</summary>
    public const string ForwardedAllowIps = "SUPERVISOR_FORWARDED_ALLOW_IPS";

    /// <summary>Gunicorn's secure_scheme_headers as HEADER=value pairs separated by commas: any one present means HTTPS.</summary>
    public const string SecureSchemeHeaders = "SUPERVISOR_SECURE_SCHEME_HEADERS";

    /// <summary>
    /// The inherited write end of the master's wake pipe: one byte written there makes the master read the
    /// scoreboard at once. Optional; a worker without it leaves the master to its regular poll.
    /// </summary>
    public const string WakeFd = "SUPERVISOR_WAKE_FD";
}
