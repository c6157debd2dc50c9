namespace Supervisor.Configuration;

/// <summary>Every configuration key, with the names of Gunicorn's settings and flags.</summary>
internal static class Settings
{
    // Defaults are Gunicorn's, so a Gunicorn user's expectations hold.
    /// <summary>Gunicorn's default, defined once in the contract the workers read.</summary>
    public const string DefaultAccessLogFormat = Worker.Protocol.WorkerContract.DefaultAccessLogFormat;

    public static readonly SettingDefinition App = new(
        "app", "string or array of strings", null,
        "The worker command: an executable and its arguments. A string is split like a shell would.");

    public static readonly SettingDefinition Workers = new(
        "workers", "integer 1..1000, or \"auto\"", 1L,
        "Number of worker processes. \"auto\" means 2 x CPUs + 1, counting the CPUs the container may use.",
        "--workers", "-w", "INT|auto");

    public static readonly SettingDefinition Bind = new(
        "bind", "string or array of strings", new object[] { "127.0.0.1:8000" },
        "Addresses to listen on: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N.",
        "--bind", "-b", "ADDRESS", Repeatable: true);

    public static readonly SettingDefinition Timeout = new(
        "timeout", "integer seconds, 0..2147483", 30L,
        "Kill a worker that is silent, or holds one request, longer than this. 0 turns it off.",
        "--timeout", "-t", "SECONDS");

    public static readonly SettingDefinition GracefulTimeout = new(
        "graceful_timeout", "integer seconds, 0..2147483", 30L,
        "Time a stopping worker has to finish its in-flight requests before it is killed.",
        "--graceful-timeout", null, "SECONDS");

    public static readonly SettingDefinition Backlog = new(
        "backlog", "integer 1..65535", 2048L,
        "Maximum number of pending connections queued on each listening socket.",
        "--backlog", null, "INT");

    public static readonly SettingDefinition MaxRequests = new(
        "max_requests", "integer >= 0", 0L,
        "Recycle a worker after about this many requests. 0 turns recycling off.",
        "--max-requests", null, "INT");

    public static readonly SettingDefinition MaxRequestsJitter = new(
        "max_requests_jitter", "integer 0..max_requests", 0L,
        "Each worker's quota is drawn from [max_requests - jitter, max_requests + jitter] so workers do not recycle together.",
        "--max-requests-jitter", null, "INT");

    public static readonly SettingDefinition KeepAlive = new(
        "keepalive", "integer seconds, 0..2147483", 2L,
        "Seconds an idle keep-alive connection is held open. 0 closes every connection after its response.",
        "--keep-alive", null, "SECONDS");

    public static readonly SettingDefinition LogLevel = new(
        "loglevel", "debug, info, warning, error or critical", "info",
        "Minimum level of the error log.",
        "--log-level", null, "LEVEL");

    public static readonly SettingDefinition AccessLog = new(
        "accesslog", "path, or \"-\" for stdout", null,
        "Where the access log goes. Unset: no access log.",
        "--access-logfile", null, "FILE");

    public static readonly SettingDefinition ErrorLog = new(
        "errorlog", "path, or \"-\" for stderr", "-",
        "Where the error log goes.",
        "--error-logfile", null, "FILE");

    public static readonly SettingDefinition AccessLogFormat = new(
        "access_log_format", "string", DefaultAccessLogFormat,
        "Access log line format, with Gunicorn's atoms (%(h)s, %(r)s, %(s)s, ...).",
        "--access-logformat", null, "FORMAT");

    public static readonly SettingDefinition LogFormat = new(
        "log_format", "\"text\" or \"json\"", "text",
        "Log lines as Gunicorn-style text or as one JSON object per line.",
        "--log-format", null, "text|json");

    public static readonly SettingDefinition PidFile = new(
        "pidfile", "path", null,
        "Write the master's process id to this file.",
        "--pid", "-p", "FILE");

    public static readonly SettingDefinition LimitRequestLine = new(
        "limit_request_line", "integer 0..8190", 4094L,
        "Maximum size in bytes of the HTTP request line. 0 means unlimited.",
        "--limit-request-line", null, "BYTES");

    public static readonly SettingDefinition LimitRequestFields = new(
        "limit_request_fields", "integer 1..32768", 100L,
        "Maximum number of HTTP header fields in a request.",
        "--limit-request-fields", null, "INT");

    public static readonly SettingDefinition LimitRequestFieldSize = new(
        "limit_request_field_size", "integer >= 0", 8190L,
        "Maximum size in bytes of one HTTP header field. 0 means unlimited.",
        "--limit-request-field_size", null, "BYTES");

    public static readonly SettingDefinition User = new(
        "user", "user name", null,
        "Run workers as this user (the master must run as root). Unset: as the master's user.",
        "--user", "-u", "USER");

    public static readonly SettingDefinition Group = new(
        "group", "group name", null,
        "Run workers with this group; it must be the user's primary group. Unset: the user's primary group.",
        "--group", "-g", "GROUP");

    public static readonly SettingDefinition ReloadStrategy = new(
        "reload_strategy", "\"all\" or \"rolling\"", "all",
        "How HUP replaces workers: the whole new generation at once, or one at a time (at most workers + 1 processes).",
        "--reload-strategy", null, "all|rolling");

    public static readonly SettingDefinition Chdir = new(
        "chdir", "path", null,
        "The folder workers run in (an ASP.NET Core app reads its appsettings.json from there). Unset: the master's.",
        "--chdir", null, "FOLDER");

    public static readonly SettingDefinition MaxWorkerMemory = new(
        "max_worker_memory", "integer MiB >= 0", 0L,
        "Recycle a worker whose memory (RSS) passes this many MiB, replacement first. 0 turns it off.",
        "--max-worker-memory", null, "MIB");

    public static readonly SettingDefinition MaxWorkerLifetime = new(
        "max_worker_lifetime", "integer seconds, 0..2147483", 0L,
        "Recycle a worker after about this many seconds, replacement first. 0 turns it off.",
        "--max-worker-lifetime", null, "SECONDS");

    public static readonly SettingDefinition MaxWorkerLifetimeJitter = new(
        "max_worker_lifetime_jitter", "integer seconds, 0..max_worker_lifetime", 0L,
        "Each worker's lifetime is drawn from [lifetime - jitter, lifetime + jitter] so workers do not restart together.",
        "--max-worker-lifetime-jitter", null, "SECONDS");

    public static readonly SettingDefinition TimeoutDump = new(
        "timeout_dump", "boolean", false,
        "Before killing a timed-out worker, log the managed stack of its threads (where it was stuck).",
        "--timeout-dump", null, "true|false");

    public static readonly SettingDefinition SlowRequestTimeout = new(
        "slow_request_timeout", "integer seconds, 0..2147483", 0L,
        "Log a request that runs longer than this, once, with the worker's stacks when it is a JIT worker; it is not killed. 0 turns it off.",
        "--slow-request-timeout", null, "SECONDS");

    public static readonly SettingDefinition ControlBind = new(
        "control_bind", "HOST:PORT", null,
        "Serve /healthz, /readyz, /metrics and /status from the master on this address. Unset: off.",
        "--control-bind", null, "ADDRESS");

    public static readonly SettingDefinition ControlAllowRemote = new(
        "control_allow_remote", "boolean", false,
        "Allow control_bind on an address other than loopback; control_token_file is then required.",
        "--control-allow-remote", null, "true|false");

    public static readonly SettingDefinition ControlTokenFile = new(
        "control_token_file", "file path", null,
        "A file holding a token that the control endpoint then requires (Authorization: Bearer TOKEN) for /metrics and /status; /healthz and /readyz stay open. Required with control_allow_remote = true.",
        "--control-token-file", null, "FILE");

    /// <summary>All settings, in the order help and documentation list them.</summary>
    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        App, Workers, Bind, Timeout, GracefulTimeout, Backlog, MaxRequests, MaxRequestsJitter, KeepAlive,
        LogLevel, AccessLog, ErrorLog, AccessLogFormat, LogFormat, PidFile,
        LimitRequestLine, LimitRequestFields, LimitRequestFieldSize, User, Group, ReloadStrategy,
        MaxWorkerMemory, MaxWorkerLifetime, MaxWorkerLifetimeJitter, TimeoutDump, SlowRequestTimeout, ControlBind, ControlAllowRemote, ControlTokenFile, Chdir,
    ];

    public static SettingDefinition? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
