namespace Supervisor.Worker.Protocol;

/// <summary>
/// Names of the environment variables through which the master tells a worker what it needs.
/// The master sets all of them; a process without <see cref="ListenFds"/> is not supervised.
/// </summary>
public static class ContractVariables
{
    /// <summary>What every variable of the contract starts with; the master sets them, nothing else may.</summary>
    public const string Prefix = "SUPERVISOR_";

    /// <summary>Comma-separated numbers of the inherited listening sockets, e.g. "3,4".</summary>
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

    /// <summary>Gunicorn's proc_name, which a worker takes as its process name (with " worker"); empty: its own.</summary>
    public const string ProcName = "SUPERVISOR_PROC_NAME";

    /// <summary>Gunicorn's worker_connections: the most connections a worker holds open at once; 0: no limit.</summary>
    public const string WorkerConnections = "SUPERVISOR_WORKER_CONNECTIONS";

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

    /// <summary>Gunicorn's statsd_host: HOST:PORT, unix://PATH or unix:PATH; empty: no metrics are sent.</summary>
    public const string StatsdHost = "SUPERVISOR_STATSD_HOST";

    /// <summary>Gunicorn's statsd_prefix, put before every metric's name (a dot is added between them).</summary>
    public const string StatsdPrefix = "SUPERVISOR_STATSD_PREFIX";

    /// <summary>Gunicorn's dogstatsd_tags: comma-separated tags appended to every metric as |#tags; empty: none.</summary>
    public const string DogstatsdTags = "SUPERVISOR_DOGSTATSD_TAGS";

    /// <summary>Gunicorn's forwarded_allow_ips: the proxies whose forwarded headers are believed (addresses, CIDR networks, or *).</summary>
    public const string ForwardedAllowIps = "SUPERVISOR_FORWARDED_ALLOW_IPS";

    /// <summary>Gunicorn's secure_scheme_headers as HEADER=value pairs separated by commas: any one present means HTTPS.</summary>
    public const string SecureSchemeHeaders = "SUPERVISOR_SECURE_SCHEME_HEADERS";

    /// <summary>"true": each connection may open with a PROXY protocol v1 or v2 header (Gunicorn's proxy_protocol).</summary>
    public const string ProxyProtocol = "SUPERVISOR_PROXY_PROTOCOL";

    /// <summary>Gunicorn's proxy_allow_ips: the peers whose PROXY headers are believed (addresses, CIDR networks, or *).</summary>
    public const string ProxyAllowIps = "SUPERVISOR_PROXY_ALLOW_IPS";

    /// <summary>The PEM certificate file (with its chain after it); unset: the listeners speak cleartext.</summary>
    public const string CertFile = "SUPERVISOR_CERTFILE";

    /// <summary>The PEM private key file; unset: the key is in the certificate file.</summary>
    public const string KeyFile = "SUPERVISOR_KEYFILE";

    /// <summary>The PEM file of the CAs a client certificate must chain to; unset: the system's trust store.</summary>
    public const string CaCerts = "SUPERVISOR_CA_CERTS";

    /// <summary>0: no client certificate asked for; 1: asked for and checked if given; 2: required (Python's ssl.CERT_*).</summary>
    public const string CertReqs = "SUPERVISOR_CERT_REQS";

    /// <summary>The lowest TLS version served: "1.2" or "1.3"; unset: what the system's OpenSSL allows.</summary>
    public const string TlsMinVersion = "SUPERVISOR_TLS_MIN_VERSION";

    /// <summary>The cipher suites offered, as their IANA numbers separated by commas; unset: the system's.</summary>
    public const string Ciphers = "SUPERVISOR_CIPHERS";

    /// <summary>The HTTP versions asked for: "h1", "h2" or "h1,h2".</summary>
    public const string HttpProtocols = "SUPERVISOR_HTTP_PROTOCOLS";

    /// <summary>"1": cleartext listeners speak HTTP/2 with prior knowledge (h2c) when h2 is asked for; "0": HTTP/1.1.</summary>
    public const string Http2Cleartext = "SUPERVISOR_HTTP2_CLEARTEXT";

    /// <summary>Streams one HTTP/2 connection may have open at once.</summary>
    public const string Http2MaxConcurrentStreams = "SUPERVISOR_HTTP2_MAX_CONCURRENT_STREAMS";

    /// <summary>The HTTP/2 flow-control window of each stream, in bytes.</summary>
    public const string Http2InitialWindowSize = "SUPERVISOR_HTTP2_INITIAL_WINDOW_SIZE";

    /// <summary>The largest HTTP/2 frame payload accepted, in bytes.</summary>
    public const string Http2MaxFrameSize = "SUPERVISOR_HTTP2_MAX_FRAME_SIZE";

    /// <summary>
    /// The inherited write end of the master's wake pipe: one byte written there makes the master read the
    /// scoreboard at once. Optional; a worker without it leaves the master to its regular poll.
    /// </summary>
    public const string WakeFd = "SUPERVISOR_WAKE_FD";
}
