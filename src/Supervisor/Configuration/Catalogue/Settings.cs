namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// Every setting, with the names, flags and defaults of Gunicorn's, so a Gunicorn user's expectations hold.
/// Each section lives in its own file; <see cref="All"/> lists them in the order help and the README do.
/// </summary>
internal static partial class Settings
{
    public const string ServerSection = "Server";
    public const string ProcessSection = "Process";
    public const string WorkerSection = "Worker processes";
    public const string RecyclingSection = "Recycling";
    public const string LoggingSection = "Logging";
    public const string LimitsSection = "Request limits";
    public const string TlsSection = "TLS and HTTP/2";
    public const string ControlSection = "Control endpoint";
    public const string HooksSection = "Server hooks";
    public const string DebuggingSection = "Debugging";

    /// <summary>The sections in the order the README lists them.</summary>
    public static readonly IReadOnlyList<string> Sections =
        [ServerSection, ProcessSection, WorkerSection, RecyclingSection, LoggingSection, LimitsSection, TlsSection, ControlSection, HooksSection, DebuggingSection];

    private static IReadOnlyList<Setting>? _all;

    /// <summary>All settings, in the order help and documentation list them.</summary>
    /// <remarks>Made on first use: the entries are fields of other files of this class, initialised in no set order.</remarks>
    public static IReadOnlyList<Setting> All => _all ??=
    [
        App, AppMode, Bind, Backlog, ReusePort, ForwardedAllowIps, SecureSchemeHeaders, ProxyProtocol, ProxyAllowIps,
        Daemon, PidFile, ProcName, User, Group, Initgroups, Chdir, Umask, RawEnv,
        Workers, WorkerConnections, Timeout, GracefulTimeout, KeepAlive, ReloadStrategy, TimeoutDump, SlowRequestTimeout,
        MaxRequests, MaxRequestsJitter, MaxWorkerMemory, MaxWorkerLifetime, MaxWorkerLifetimeJitter,
        LogLevel, AccessLog, ErrorLog, CaptureOutput, AccessLogFormat, LogFormat,
        Syslog, SyslogAddr, SyslogPrefix, SyslogFacility, DisableRedirectAccessToSyslog,
        StatsdHost, StatsdPrefix, DogstatsdTags,
        LimitRequestLine, LimitRequestFields, LimitRequestFieldSize,
        CertFile, KeyFile, CaCerts, CertReqs, SslVersion, Ciphers,
        HttpProtocols, Http2Cleartext, Http2MaxConcurrentStreams, Http2InitialWindowSize, Http2MaxFrameSize,
        ControlBind, ControlAllowRemote, ControlTokenFile,
        OnStarting, WhenReady, OnReload, WorkerExit, WorkerAbort, NWorkersChanged, OnExit, HookTimeout,
        Reload, ReloadExtraFiles,
    ];

    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
