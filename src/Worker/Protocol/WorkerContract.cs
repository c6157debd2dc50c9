using System.Globalization;
using static Supervisor.Worker.Protocol.ContractReading;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// Everything the master tells a worker, read once from the environment (see
/// <see cref="ContractVariables"/>) and validated with messages that name the variable.
/// Optional variables default to Gunicorn's defaults so a hand-started worker behaves like one.
/// </summary>
internal sealed record WorkerContract
{
    /// <summary>Gunicorn's default access log format.</summary>
    public const string DefaultAccessLogFormat = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"";

    /// <summary>The largest listen backlog the contract carries (the kernel's own ceiling for somaxconn).</summary>
    public const int MaxBacklog = 65535;

    /// <summary>The most header fields a request may be allowed (Gunicorn's ceiling).</summary>
    public const int MaxRequestFields = 32768;

    private static readonly string[] LogLevels = ["debug", "info", "warning", "error", "critical"];
    private static readonly string[] LogFormats = ["text", "json"];
    private static readonly string[] ProtocolSets = ["h1", "h2", "h1,h2"];

    public required IReadOnlyList<int> ListenFds { get; init; }

    public required string ScoreboardPath { get; init; }

    public required int Slot { get; init; }

    public long Generation { get; init; }

    public required int MasterPid { get; init; }

    /// <summary>0: no quota.</summary>
    public long MaxRequests { get; init; }

    /// <summary>Zero: no keep-alive, every response closes its connection (Gunicorn's meaning).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan GracefulTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int Backlog { get; init; } = 2048;

    /// <summary>Bytes; 0: Kestrel's request buffer is the only limit.</summary>
    public int LimitRequestLine { get; init; } = 4094;

    /// <summary>0: no limit of our own (32768, Gunicorn's ceiling).</summary>
    public int LimitRequestFields { get; init; } = 100;

    /// <summary>Bytes; 0: Kestrel's request buffer is the only limit.</summary>
    public int LimitRequestFieldSize { get; init; } = 8190;

    public string LogLevel { get; init; } = "info";

    public string LogFormat { get; init; } = "text";

    /// <summary>"-": stderr.</summary>
    public string ErrorLog { get; init; } = "-";

    /// <summary>Empty: off; "-": stdout.</summary>
    public string AccessLog { get; init; } = "";

    public string AccessLogFormat { get; init; } = DefaultAccessLogFormat;

    /// <summary>Gunicorn's proc_name; empty: the worker keeps its own process name.</summary>
    public string ProcName { get; init; } = "";

    /// <summary>Gunicorn's default worker_connections.</summary>
    public const int DefaultWorkerConnections = 1000;

    /// <summary>The most connections open at once; 0: no limit.</summary>
    public int WorkerConnections { get; init; } = DefaultWorkerConnections;

    public bool Syslog { get; init; }

    public string SyslogAddr { get; init; } = "udp://localhost:514";

    /// <summary>Empty: "supervisor".</summary>
    public string SyslogPrefix { get; init; } = "";

    public string SyslogFacility { get; init; } = "user";

    public bool DisableRedirectAccessToSyslog { get; init; }

    /// <summary>Empty: no statsd.</summary>
    public string StatsdHost { get; init; } = "";

    public string StatsdPrefix { get; init; } = "";

    /// <summary>Empty: no tags.</summary>
    public string DogstatsdTags { get; init; } = "";

    /// <summary>Gunicorn's default: the proxy is on this machine.</summary>
    public const string DefaultForwardedAllowIps = "127.0.0.1,::1";

    /// <summary>Gunicorn's default headers that say a proxy took the request over HTTPS.</summary>
    public const string DefaultSecureSchemeHeaders = "X-FORWARDED-PROTOCOL=ssl,X-FORWARDED-PROTO=https,X-FORWARDED-SSL=on";

    /// <summary>Addresses and networks separated by commas, or *; empty: no proxy is believed.</summary>
    public string ForwardedAllowIps { get; init; } = DefaultForwardedAllowIps;

    /// <summary>HEADER=value pairs separated by commas; empty: none.</summary>
    public string SecureSchemeHeaders { get; init; } = DefaultSecureSchemeHeaders;

    /// <summary>Each connection may open with a PROXY protocol header from <see cref="ProxyAllowIps"/>.</summary>
    public bool ProxyProtocol { get; init; }

    /// <summary>Gunicorn's default: the proxy is on this machine.</summary>
    public const string DefaultProxyAllowIps = "127.0.0.1,::1";

    /// <summary>Addresses and networks separated by commas, or *; empty: no PROXY header is believed.</summary>
    public string ProxyAllowIps { get; init; } = DefaultProxyAllowIps;

    /// <summary>Null: the listeners speak cleartext.</summary>
    public TlsContract? Tls { get; init; }

    /// <summary>"h1", "h2" or "h1,h2": over TLS, what ALPN may choose; in cleartext, h2 counts only with <see cref="Http2Cleartext"/>.</summary>
    public string HttpProtocols { get; init; } = "h1";

    /// <summary>Cleartext listeners speak HTTP/2 with prior knowledge (h2c) when h2 is asked for.</summary>
    public bool Http2Cleartext { get; init; }

    public int Http2MaxConcurrentStreams { get; init; } = 100;

    /// <summary>Bytes; HTTP/2's own default, 65535.</summary>
    public int Http2InitialWindowSize { get; init; } = 65535;

    /// <summary>Bytes, 16384 (HTTP/2's least) to 16777215.</summary>
    public int Http2MaxFrameSize { get; init; } = 16384;

    /// <summary>Null: the master gave no wake pipe (an older master), so it learns of state changes by polling.</summary>
    public int? WakeFd { get; init; }

    /// <summary>True when the process was started by the master (it was handed listening sockets).</summary>
    public static bool IsSupervised(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return !string.IsNullOrEmpty(variable(ContractVariables.ListenFds));
    }

    public static WorkerContract FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <exception cref="WorkerContractException">A variable is missing or malformed.</exception>
    public static WorkerContract Parse(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var defaults = new WorkerContract { ListenFds = [], ScoreboardPath = "", Slot = 0, MasterPid = 1 };
        var listenFds = ParseFds(variable);
        return new WorkerContract
        {
            ListenFds = listenFds,
            ScoreboardPath = Required(variable, ContractVariables.Scoreboard),
            Slot = (int)Number(variable, ContractVariables.Slot, null, 0, ScoreboardLayout.MaxSlots - 1),
            Generation = Number(variable, ContractVariables.Generation, defaults.Generation, 0, long.MaxValue),
            MasterPid = (int)Number(variable, ContractVariables.MasterPid, null, 1, int.MaxValue),
            MaxRequests = Number(variable, ContractVariables.MaxRequests, defaults.MaxRequests, 0, long.MaxValue),
            KeepAlive = Seconds(variable, ContractVariables.KeepAlive, defaults.KeepAlive),
            GracefulTimeout = Seconds(variable, ContractVariables.GracefulTimeout, defaults.GracefulTimeout),
            Backlog = (int)Number(variable, ContractVariables.Backlog, defaults.Backlog, 1, MaxBacklog),
            LimitRequestLine = (int)Number(variable, ContractVariables.LimitRequestLine, defaults.LimitRequestLine, 0, int.MaxValue),
            LimitRequestFields = (int)Number(variable, ContractVariables.LimitRequestFields, defaults.LimitRequestFields, 0, MaxRequestFields),
            LimitRequestFieldSize = (int)Number(variable, ContractVariables.LimitRequestFieldSize, defaults.LimitRequestFieldSize, 0, int.MaxValue),
            LogLevel = OneOf(variable, ContractVariables.LogLevel, defaults.LogLevel, LogLevels),
            LogFormat = OneOf(variable, ContractVariables.LogFormat, defaults.LogFormat, LogFormats),
            ErrorLog = variable(ContractVariables.ErrorLog) is { Length: > 0 } errorLog ? errorLog : defaults.ErrorLog,
            AccessLog = variable(ContractVariables.AccessLog) ?? defaults.AccessLog,
            AccessLogFormat = variable(ContractVariables.AccessLogFormat) is { Length: > 0 } format ? format : defaults.AccessLogFormat,
            ProcName = variable(ContractVariables.ProcName) ?? defaults.ProcName,
            WorkerConnections = (int)Number(variable, ContractVariables.WorkerConnections, defaults.WorkerConnections, 0, int.MaxValue),
            Syslog = Flag(variable, ContractVariables.Syslog),
            SyslogAddr = LogAddress.Checked(variable, ContractVariables.SyslogAddr, defaults.SyslogAddr, LogAddress.ParseSyslog),
            SyslogPrefix = variable(ContractVariables.SyslogPrefix) ?? defaults.SyslogPrefix,
            SyslogFacility = variable(ContractVariables.SyslogFacility) is { Length: > 0 } facility ? facility : defaults.SyslogFacility,
            DisableRedirectAccessToSyslog = Flag(variable, ContractVariables.DisableRedirectAccessToSyslog),
            StatsdHost = LogAddress.Checked(variable, ContractVariables.StatsdHost, defaults.StatsdHost, LogAddress.ParseStatsd),
            StatsdPrefix = variable(ContractVariables.StatsdPrefix) ?? defaults.StatsdPrefix,
            DogstatsdTags = variable(ContractVariables.DogstatsdTags) ?? defaults.DogstatsdTags,
            ForwardedAllowIps = variable(ContractVariables.ForwardedAllowIps) ?? defaults.ForwardedAllowIps,
            SecureSchemeHeaders = variable(ContractVariables.SecureSchemeHeaders) ?? defaults.SecureSchemeHeaders,
            ProxyProtocol = Flag(variable, ContractVariables.ProxyProtocol),
            ProxyAllowIps = variable(ContractVariables.ProxyAllowIps) ?? defaults.ProxyAllowIps,
            WakeFd = ParseWakeFd(variable, listenFds),
            Tls = TlsContract.Parse(variable),
            HttpProtocols = OneOf(variable, ContractVariables.HttpProtocols, defaults.HttpProtocols, ProtocolSets),
            Http2Cleartext = Number(variable, ContractVariables.Http2Cleartext, 0, 0, 1) == 1,
            Http2MaxConcurrentStreams = (int)Number(variable, ContractVariables.Http2MaxConcurrentStreams, defaults.Http2MaxConcurrentStreams, 1, int.MaxValue),
            Http2InitialWindowSize = (int)Number(variable, ContractVariables.Http2InitialWindowSize, defaults.Http2InitialWindowSize, 65535, int.MaxValue),
            Http2MaxFrameSize = (int)Number(variable, ContractVariables.Http2MaxFrameSize, defaults.Http2MaxFrameSize, 16384, 16777215),
        };
    }

    /// <summary>
    /// The variables that hand this contract to a worker, the one way the master writes them: <see cref="Parse"/>
    /// reads them back into an equal contract. Durations are whole seconds; without a wake pipe no
    /// <see cref="ContractVariables.WakeFd"/> is set.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            [ContractVariables.ListenFds] = string.Join(',', ListenFds.Select(fd => Text(fd))),
            [ContractVariables.Scoreboard] = ScoreboardPath,
            [ContractVariables.Slot] = Text(Slot),
            [ContractVariables.Generation] = Text(Generation),
            [ContractVariables.MasterPid] = Text(MasterPid),
            [ContractVariables.MaxRequests] = Text(MaxRequests),
            [ContractVariables.KeepAlive] = Text((long)KeepAlive.TotalSeconds),
            [ContractVariables.GracefulTimeout] = Text((long)GracefulTimeout.TotalSeconds),
            [ContractVariables.Backlog] = Text(Backlog),
            [ContractVariables.LimitRequestLine] = Text(LimitRequestLine),
            [ContractVariables.LimitRequestFields] = Text(LimitRequestFields),
            [ContractVariables.LimitRequestFieldSize] = Text(LimitRequestFieldSize),
            [ContractVariables.LogLevel] = LogLevel,
            [ContractVariables.LogFormat] = LogFormat,
            [ContractVariables.ErrorLog] = ErrorLog,
            [ContractVariables.AccessLog] = AccessLog,
            [ContractVariables.AccessLogFormat] = AccessLogFormat,
            [ContractVariables.ProcName] = ProcName,
            [ContractVariables.WorkerConnections] = Text(WorkerConnections),
            [ContractVariables.Syslog] = Syslog ? "true" : "false",
            [ContractVariables.SyslogAddr] = SyslogAddr,
            [ContractVariables.SyslogPrefix] = SyslogPrefix,
            [ContractVariables.SyslogFacility] = SyslogFacility,
            [ContractVariables.DisableRedirectAccessToSyslog] = DisableRedirectAccessToSyslog ? "true" : "false",
            [ContractVariables.StatsdHost] = StatsdHost,
            [ContractVariables.StatsdPrefix] = StatsdPrefix,
            [ContractVariables.DogstatsdTags] = DogstatsdTags,
            [ContractVariables.ForwardedAllowIps] = ForwardedAllowIps,
            [ContractVariables.SecureSchemeHeaders] = SecureSchemeHeaders,
            [ContractVariables.ProxyProtocol] = ProxyProtocol ? "true" : "false",
            [ContractVariables.ProxyAllowIps] = ProxyAllowIps,
            [ContractVariables.HttpProtocols] = HttpProtocols,
            [ContractVariables.Http2Cleartext] = Http2Cleartext ? "1" : "0",
            [ContractVariables.Http2MaxConcurrentStreams] = Text(Http2MaxConcurrentStreams),
            [ContractVariables.Http2InitialWindowSize] = Text(Http2InitialWindowSize),
            [ContractVariables.Http2MaxFrameSize] = Text(Http2MaxFrameSize),
        };
        if (WakeFd is { } wakeFd)
        {
            environment[ContractVariables.WakeFd] = Text(wakeFd);
        }

        Tls?.AddTo(environment);

        return environment;
    }

    private static int[] ParseFds(Func<string, string?> variable)
    {
        var text = Required(variable, ContractVariables.ListenFds);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var fds = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            // 0-2 are stdin, stdout and stderr: never a listener.
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out fds[i]) || fds[i] < 3)
            {
                throw new WorkerContractException(
                    $"{ContractVariables.ListenFds} must list file descriptor numbers (3 or more) separated by commas, e.g. \"3,4\", but is \"{text}\".");
            }
        }

        if (fds.Distinct().Count() != fds.Length)
        {
            throw new WorkerContractException($"{ContractVariables.ListenFds} lists a file descriptor twice: \"{text}\".");
        }

        return fds;
    }

    private static int? ParseWakeFd(Func<string, string?> variable, int[] listenFds)
    {
        if (string.IsNullOrEmpty(variable(ContractVariables.WakeFd)))
        {
            return null;
        }

        // 0-2 are stdin, stdout and stderr: a byte written there would land in a log.
        var fd = (int)Number(variable, ContractVariables.WakeFd, null, 3, int.MaxValue);
        if (listenFds.Contains(fd))
        {
            throw new WorkerContractException(
                $"{ContractVariables.WakeFd} is {fd}, which {ContractVariables.ListenFds} names as a listening socket; the wake pipe needs a descriptor of its own.");
        }

        return fd;
    }
}
