using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>The app, its sockets, and the process it runs as.</summary>
internal static partial class Settings
{
    public static readonly Setting<IReadOnlyList<string>> App = new()
    {
        Key = "app",
        Section = ServerSection,
        Ours = true,
        Type = "string or array of strings",
        Help = "The worker command: an executable and its arguments. A string is split into words as a POSIX shell would, quotes and backslashes included, with nothing expanded.",
        Details = "A relative executable path (one with a `/`) is relative to the config file; the arguments are passed as they are, and workers run in `chdir`. The process started must be the app: a wrapper script ends with `exec dotnet app.dll`, or the worker is refused as a failed boot (`the app is not the process the master started`).",
        Flag = null,
        HelpName = "-- COMMAND...",
        Required = "no worker command: set app in the config file (app = [\"./out/app/SampleApp\"]) or give it after --, as in 'supervisor run -- ./MyApp'",
        Unset = [],
        Parse = ReadApp,
        Printer = words => words.ToArray<object>(),
    };

    public static readonly Setting<AppMode> AppMode = new()
    {
        Key = "app_mode",
        Section = ServerSection,
        Ours = true,
        Type = "\"auto\", \"library\" or \"inject\"",
        Default = "auto",
        Help = "How the app becomes a worker: \"inject\" adds the Worker library to an unmodified ASP.NET Core app, \"library\" expects the app to call UseSupervisorWorker(), \"auto\" injects unless the app ships the library.",
        Details = "Injection needs a framework-dependent app (`dotnet MyApp.dll`, or an apphost next to its `MyApp.runtimeconfig.json`); a Native AOT app calls `builder.UseSupervisorWorker()` itself.",
        Flag = "--app-mode",
        HelpName = "auto|library|inject",
        Parse = value => value.Choice(Values.AppMode.Auto),
    };

    public static readonly Setting<IReadOnlyList<BindAddress>> Bind = new()
    {
        Key = "bind",
        Section = ServerSection,
        Type = "string or array of strings",
        Default = new object[] { "127.0.0.1:8000" },
        DefaultNote = "`0.0.0.0:$PORT` when `PORT` is set",
        Help = "Addresses to listen on: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N.",
        Details = "A unix path is at most 107 bytes. An empty address is an error; `0.0.0.0:8000` listens on every interface.",
        Flag = "--bind",
        ShortFlag = "-b",
        HelpName = "ADDRESS",
        Repeatable = true,
        Unset = [],
        Parse = ReadBinds,
        Printer = binds => binds.Select(b => (object)b.ToString()).ToArray(),
    };

    private static readonly WholeNumber BacklogRange = new(1, WorkerContract.MaxBacklog);

    public static readonly Setting<int> Backlog = new()
    {
        Key = "backlog",
        Section = ServerSection,
        Type = BacklogRange.Type,
        Default = 2048L,
        Help = "Maximum number of pending connections queued on each listening socket.",
        Flag = "--backlog",
        HelpName = "INT",
        Parse = value => value.Int(BacklogRange),
        Worker = (contract, backlog) => contract with { Backlog = backlog },
    };

    public static readonly Setting<IReadOnlyList<string>> ForwardedAllowIps = new()
    {
        Key = "forwarded_allow_ips",
        Section = ServerSection,
        Type = "string or array of strings: addresses, CIDR networks, or \"*\"",
        Default = WorkerContract.DefaultForwardedAllowIps,
        DefaultNote = "`$FORWARDED_ALLOW_IPS` when set",
        Help = "The proxies whose forwarded headers are believed: from them, X-Forwarded-For gives the client's address and secure_scheme_headers give https.",
        Details = "Applied by every worker before the app and the access log, so `HttpContext.Connection.RemoteIpAddress` and `Request.Scheme` are the client's. From any other peer the headers are ignored. A unix socket counts as loopback. Empty: no proxy is believed.",
        GunicornDifference = "X-Forwarded-For also sets the client address the app and the access log see (Gunicorn leaves REMOTE_ADDR to the proxy).",
        Flag = "--forwarded-allow-ips",
        HelpName = "ADDRESSES",
        Unset = [],
        Parse = ReadAllowIps,
        Printer = entries => string.Join(",", entries),
        Worker = (contract, entries) => contract with { ForwardedAllowIps = string.Join(",", entries) },
    };

    public static readonly Setting<IReadOnlyDictionary<string, string>> SecureSchemeHeaders = new()
    {
        Key = "secure_scheme_headers",
        Section = ServerSection,
        Type = "table of header = value",
        Default = new Dictionary<string, object>(StringComparer.Ordinal) { ["X-FORWARDED-PROTOCOL"] = "ssl", ["X-FORWARDED-PROTO"] = "https", ["X-FORWARDED-SSL"] = "on" },
        Help = "Headers a trusted proxy sets to say the client came over HTTPS, with the value that says so; the request's scheme is then https.",
        Details = "In the file as an inline table: `secure_scheme_headers = { \"X-FORWARDED-PROTO\" = \"https\" }`; `{}` turns it off.",
        Unset = new Dictionary<string, string>(),
        Parse = ReadSchemeHeaders,
        Printer = headers => headers.ToDictionary(h => h.Key, h => (object)h.Value, StringComparer.Ordinal),
        Worker = (contract, headers) => contract with { SecureSchemeHeaders = string.Join(",", headers.Select(h => $"{h.Key}={h.Value}")) },
    };

    public static readonly Setting<bool> ProxyProtocol = new()
    {
        Key = "proxy_protocol",
        Section = ServerSection,
        Type = "boolean",
        Default = false,
        Help = "Read a PROXY protocol header (v1 text or v2 binary) at the start of each connection from proxy_allow_ips: the client address it carries becomes the connection's.",
        Details = "For a TCP proxy in front (nginx's `proxy_protocol on;` in a stream block, HAProxy's `send-proxy`). Read by every worker before TLS, so `HttpContext.Connection.RemoteIpAddress` and the access log's `%(h)s` are the client's. A connection without the header is served as it is; a header from a peer not in proxy_allow_ips is refused with 403, a malformed one with 400 (over TLS the connection is only closed). A peer has 5 seconds to send its header. `PROXY UNKNOWN` and v2's LOCAL keep the peer's address; v2's TLVs are skipped.",
        GunicornDifference = "A switch: `true` (or Gunicorn's `\"auto\"`) reads v1 and v2 both; Gunicorn's `\"v1\"` and `\"v2\"`, for one version only, are refused. `PROXY UNKNOWN` is accepted (Gunicorn refuses it).",
        Flag = "--proxy-protocol",
        HelpName = "true|false",
        Parse = ReadProxyProtocol,
        Worker = (contract, on) => contract with { ProxyProtocol = on },
    };

    public static readonly Setting<IReadOnlyList<string>> ProxyAllowIps = new()
    {
        Key = "proxy_allow_ips",
        Section = ServerSection,
        Type = "string or array of strings: addresses, CIDR networks, or \"*\"",
        Default = WorkerContract.DefaultProxyAllowIps,
        Help = "The proxies whose PROXY protocol headers are believed, when proxy_protocol is on.",
        Details = "A unix socket counts as loopback. Empty: every header is refused.",
        Flag = "--proxy-allow-from",
        HelpName = "ADDRESSES",
        Unset = [],
        Parse = ReadAllowIps,
        Printer = entries => string.Join(",", entries),
        Worker = (contract, entries) => contract with { ProxyAllowIps = string.Join(",", entries) },
    };

    public static readonly Setting<bool> ReusePort = new()
    {
        Key = "reuse_port",
        Section = ServerSection,
        Type = "boolean",
        Default = false,
        Help = "Set SO_REUSEPORT on the TCP listening sockets, so other servers of this user may bind the same port.",
        Details = "Without it a second server on the port is refused with `Address already in use`, which is what you want unless you mean to share the port.",
        Flag = "--reuse-port",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    private static List<string> ReadAllowIps(ValueReader value)
    {
        var entries = value.Strings()?.SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (entries is null)
        {
            value.Invalid("addresses and CIDR networks separated by commas, such as \"127.0.0.1,10.0.0.0/8\", or \"*\" for any");
            return [];
        }

        foreach (var entry in entries.Where(e => e != "*" && !System.Net.IPAddress.TryParse(e, out _) && !System.Net.IPNetwork.TryParse(e, out _)))
        {
            value.Problem($"{value.Setting.Key} = {value.Raw.Display} is not valid: '{entry}' is not an IP address, a CIDR network or \"*\"");
        }

        return entries;
    }

    /// <summary>A boolean, or Gunicorn's "auto" and "off", so a Gunicorn configuration reads as it was meant.</summary>
    private static bool ReadProxyProtocol(ValueReader value)
    {
        switch ((value.Raw.Value as string)?.Trim().ToLowerInvariant())
        {
            case "auto":
                return true;
            case "off":
                return false;
            case "v1" or "v2":
                value.Invalid("true or false (or Gunicorn's \"auto\" and \"off\"): when on, v1 and v2 headers are both read");
                return false;
            default:
                return value.Bool();
        }
    }

    private static Dictionary<string, string> ReadSchemeHeaders(ValueReader value)
    {
        if (value.Raw.Value is not IReadOnlyDictionary<string, object> table || table.Values.Any(v => v is not string))
        {
            value.Invalid("an inline table of header = value strings, such as { \"X-FORWARDED-PROTO\" = \"https\" }");
            return [];
        }

        foreach (var (name, text) in table.Where(kv => kv.Key.Length == 0 || kv.Key.IndexOfAny([',', '=', ' ']) >= 0 || ((string)kv.Value).Contains(',', StringComparison.Ordinal)))
        {
            value.Problem($"secure_scheme_headers = {value.Raw.Display} is not valid: '{name}' = {RawValue.Format(text)} is not a header name with a value");
        }

        return table.ToDictionary(kv => kv.Key, kv => (string)kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static List<string> ReadApp(ValueReader value) => value.Command(required: true);

    private static List<BindAddress> ReadBinds(ValueReader value)
    {
        var texts = value.Strings();
        if (texts is null || texts.Count == 0)
        {
            value.Invalid("an address or an array of addresses: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N");
            return [];
        }

        var binds = new List<BindAddress>();
        foreach (var text in texts)
        {
            if (BindAddress.TryParse(text.Trim(), value.Raw.Origin.BaseDirectory, out var error) is { } address)
            {
                binds.Add(address);
            }
            else
            {
                value.Problem($"bind = {RawValue.Format(text)} is not valid: {error}");
            }
        }

        return binds;
    }
}
