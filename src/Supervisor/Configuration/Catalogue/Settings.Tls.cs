using Supervisor.Configuration.Values;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>HTTPS served by the workers themselves, with Gunicorn's SSL settings.</summary>
internal static partial class Settings
{
    private const string TlsFirst = "Only with certfile.";

    public static readonly Setting<string?> CertFile = new()
    {
        Key = "certfile",
        Section = TlsSection,
        Type = "path",
        DefaultNote = "cleartext HTTP",
        Help = "PEM certificate file: with it, every bind serves HTTPS.",
        Details = "Intermediate certificates may follow the server's own in the file. Each worker reads the file as it starts, so a reload (HUP) serves a renewed certificate; `check` refuses a file that is missing, unreadable, not a certificate, or whose key does not match. The files must be readable by the workers' `user`.",
        Flag = "--certfile",
        HelpName = "FILE",
        Parse = value => value.Path(),
        Worker = (contract, path) => contract with { Tls = path is null ? null : new TlsContract { CertFile = path } },
    };

    public static readonly Setting<string?> KeyFile = new()
    {
        Key = "keyfile",
        Section = TlsSection,
        Type = "path",
        DefaultNote = "the key is in certfile",
        Help = "PEM private key file of the certificate, unencrypted.",
        Flag = "--keyfile",
        HelpName = "FILE",
        Parse = value => value.Path(),
        Worker = (contract, path) => contract.Tls is { } tls ? contract with { Tls = tls with { KeyFile = path } } : contract,
    };

    public static readonly Setting<string?> CaCerts = new()
    {
        Key = "ca_certs",
        Section = TlsSection,
        Type = "path",
        DefaultNote = "the system's trust store",
        Help = "PEM file of the certificate authorities a client certificate must chain to (see cert_reqs).",
        Flag = "--ca-certs",
        HelpName = "FILE",
        Parse = value => value.Path(),
        Worker = (contract, path) => contract.Tls is { } tls ? contract with { Tls = tls with { CaCerts = path } } : contract,
    };

    private static readonly WholeNumber CertReqsRange = new(0, 2, Note: "0 none, 1 optional, 2 required");

    public static readonly Setting<int> CertReqs = new()
    {
        Key = "cert_reqs",
        Section = TlsSection,
        Type = "0, 1 or 2",
        Default = 0L,
        Help = "Client certificates, as Python's ssl.CERT_*: 0 none asked for, 1 asked for and checked if given, 2 required.",
        Details = "A client certificate is checked against ca_certs (without it, the system's trust store); revocation lists are not consulted, as Gunicorn's ssl does not by default. " + TlsFirst,
        Flag = "--cert-reqs",
        HelpName = "0|1|2",
        Parse = value => value.Int(CertReqsRange),
        Worker = (contract, reqs) => contract.Tls is { } tls ? contract with { Tls = tls with { CertReqs = reqs } } : contract,
    };

    public static readonly Setting<string> SslVersion = new()
    {
        Key = "ssl_version",
        Section = TlsSection,
        GunicornDifference = "It is the lowest TLS version served (Gunicorn ignores it since 21.0): \"TLSv1_2\" (or Python's ssl.PROTOCOL_TLSv1_2, 5) serves TLS 1.2 and 1.3, \"TLSv1_3\" TLS 1.3 only, \"TLS\" (2, also \"SSLv23\" and \"TLS_SERVER\", 17) what the system's OpenSSL allows; SSL and TLS 1.0 and 1.1 are refused.",
        Type = "\"TLS\", \"TLSv1_2\" or \"TLSv1_3\"",
        Default = "TLS",
        Help = "The lowest TLS version served: \"TLSv1_2\", \"TLSv1_3\", or \"TLS\" for what the system's OpenSSL allows (TLS 1.2 and 1.3 today).",
        Flag = "--ssl-version",
        HelpName = "VERSION",
        Unset = "TLS",
        Parse = ReadSslVersion,
        Worker = (contract, version) => contract.Tls is { } tls
            ? contract with { Tls = tls with { MinVersion = version switch { "TLSv1_2" => "1.2", "TLSv1_3" => "1.3", _ => null } } }
            : contract,
    };

    public static readonly Setting<CipherList?> Ciphers = new()
    {
        Key = "ciphers",
        Section = TlsSection,
        Type = "OpenSSL cipher string",
        DefaultNote = "OpenSSL's default list",
        Help = "The TLS 1.2 cipher suites offered, as an OpenSSL cipher list such as \"ECDHE+AESGCM:!aNULL\".",
        Details = "The string is expanded by the system's OpenSSL, as Python's `set_ciphers` does for Gunicorn; TLS 1.3's suites stay OpenSSL's defaults. A string that selects no suite is an error.",
        Flag = "--ciphers",
        HelpName = "CIPHERS",
        Parse = ReadCiphers,
        Printer = ciphers => ciphers?.Text ?? "",
        Worker = (contract, ciphers) => contract.Tls is { } tls && ciphers is not null ? contract with { Tls = tls with { Ciphers = ciphers.Suites } } : contract,
    };

    public static readonly Setting<IReadOnlyList<string>> HttpProtocols = new()
    {
        Key = "http_protocols",
        Section = TlsSection,
        GunicornDifference = "An array as well as Gunicorn's comma-separated string; the order is not a preference (Kestrel's ALPN prefers h2). In cleartext, h2 is served only with http2_cleartext, and then alone on every bind.",
        Type = "array of \"h1\", \"h2\"",
        Default = new object[] { "h1" },
        Help = "The HTTP versions served: h1 (HTTP/1.1), h2 (HTTP/2). Over TLS the client picks one by ALPN.",
        Details = "Without TLS, h2 needs `http2_cleartext = \"prior-knowledge\"`: every bind then speaks HTTP/2 alone (h2c), as gRPC clients and proxies with HTTP/2 upstreams expect, and HTTP/1.1 clients are refused.",
        Flag = "--http-protocols",
        HelpName = "h1,h2",
        Unset = ["h1"],
        Parse = ReadHttpProtocols,
        Printer = protocols => protocols.ToArray<object>(),
        Worker = (contract, protocols) => contract with { HttpProtocols = string.Join(',', protocols.Order(StringComparer.Ordinal)) },
    };

    public static readonly Setting<string> Http2Cleartext = new()
    {
        Key = "http2_cleartext",
        Section = TlsSection,
        GunicornDifference = "\"upgrade\" and \"both\" are refused (Kestrel has no HTTP/1.1 Upgrade: h2c, which RFC 9113 dropped), and h2c is served to every client that reaches the bind, not only to forwarded_allow_ips.",
        Type = "\"off\" or \"prior-knowledge\"",
        Default = "off",
        Help = "Serve HTTP/2 without TLS (h2c) to clients that open with HTTP/2's preface, when http_protocols has h2.",
        Details = "For a proxy or mesh that terminates TLS and speaks HTTP/2 upstream, and for gRPC. `true` means \"prior-knowledge\", as in Gunicorn. Do not expose an h2c bind to the internet.",
        Flag = "--http2-cleartext",
        HelpName = "off|prior-knowledge",
        Unset = "off",
        Parse = ReadHttp2Cleartext,
        Worker = (contract, mode) => contract with { Http2Cleartext = mode == "prior-knowledge" },
    };

    private static readonly WholeNumber StreamsRange = new(1, int.MaxValue);

    public static readonly Setting<int> Http2MaxConcurrentStreams = new()
    {
        Key = "http2_max_concurrent_streams",
        Section = TlsSection,
        Type = StreamsRange.Type,
        Default = 100L,
        Help = "Streams (requests) one HTTP/2 connection may have open at once.",
        Flag = "--http2-max-concurrent-streams",
        HelpName = "INT",
        Parse = value => value.Int(StreamsRange),
        Worker = (contract, streams) => contract with { Http2MaxConcurrentStreams = streams },
    };

    private static readonly WholeNumber WindowRange = new(65535, int.MaxValue);

    public static readonly Setting<int> Http2InitialWindowSize = new()
    {
        Key = "http2_initial_window_size",
        Section = TlsSection,
        Type = WindowRange.Type,
        Default = 65535L,
        Help = "The HTTP/2 flow-control window of each stream, in bytes: how much a client may send before it waits for the app to read.",
        Flag = "--http2-initial-window-size",
        HelpName = "BYTES",
        Parse = value => value.Int(WindowRange),
        Worker = (contract, size) => contract with { Http2InitialWindowSize = size },
    };

    private static readonly WholeNumber FrameRange = new(16384, 16777215);

    public static readonly Setting<int> Http2MaxFrameSize = new()
    {
        Key = "http2_max_frame_size",
        Section = TlsSection,
        Type = FrameRange.Type,
        Default = 16384L,
        Help = "The largest HTTP/2 frame payload accepted, in bytes.",
        Flag = "--http2-max-frame-size",
        HelpName = "BYTES",
        Parse = value => value.Int(FrameRange),
        Worker = (contract, size) => contract with { Http2MaxFrameSize = size },
    };

    private static List<string> ReadHttpProtocols(ValueReader value)
    {
        var texts = value.Raw.Value is string text ? [.. text.Split(',')] : value.Strings();
        var protocols = texts?.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).ToList() ?? [];
        if (texts is null || protocols.Count == 0 || protocols.Except(["h1", "h2"]).Any() || protocols.Distinct().Count() != protocols.Count)
        {
            value.Invalid("\"h1\", \"h2\" or both, each once, as an array ([\"h1\", \"h2\"]) or Gunicorn's \"h2,h1\"; h3 is not served");
            return ["h1"];
        }

        return protocols;
    }

    private static string ReadHttp2Cleartext(ValueReader value)
    {
        switch (value.Raw.Value)
        {
            case bool on:
                return on ? "prior-knowledge" : "off";
            case string text when text.Trim().ToLowerInvariant() is "off" or "false" or "prior-knowledge" or "true":
                return text.Trim().ToLowerInvariant() is "off" or "false" ? "off" : "prior-knowledge";
            case string text when text.Trim().ToLowerInvariant() is "upgrade" or "both":
                value.Problem($"http2_cleartext = {value.Raw.Display} is not valid: Kestrel does not take HTTP/1.1's Upgrade: h2c (RFC 9113 dropped it); use \"prior-knowledge\", which gRPC clients and proxies speak");
                return "off";
            default:
                value.Invalid("\"off\" or \"prior-knowledge\" (or true, meaning \"prior-knowledge\")");
                return "off";
        }
    }

    /// <summary>"TLS", "TLSv1_2" or "TLSv1_3", whichever of Gunicorn's spellings was given.</summary>
    private static string ReadSslVersion(ValueReader value)
    {
        var text = value.Raw.Value switch
        {
            long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string given => given.Trim(),
            _ => "",
        };
        var name = text.StartsWith("PROTOCOL_", StringComparison.OrdinalIgnoreCase) ? text["PROTOCOL_".Length..] : text;
        switch (name.ToUpperInvariant())
        {
            // Python's ssl.PROTOCOL_TLS (2, once PROTOCOL_SSLv23) and PROTOCOL_TLS_SERVER (17) negotiate the highest.
            case "TLS" or "SSLV23" or "TLS_SERVER" or "2" or "17":
                return "TLS";
            case "TLSV1_2" or "TLSV1.2" or "5":
                return "TLSv1_2";
            case "TLSV1_3" or "TLSV1.3":
                return "TLSv1_3";
            case "SSLV2" or "SSLV3" or "TLSV1" or "TLSV1_1" or "TLSV1.1" or "0" or "1" or "3" or "4":
                value.Problem($"ssl_version = {value.Raw.Display} is not valid: SSL and TLS 1.0 and 1.1 are not safe and are not served; use \"TLSv1_2\" (the lowest served by default) or \"TLSv1_3\"");
                return "TLS";
            default:
                value.Invalid("\"TLS\", \"TLSv1_2\" or \"TLSv1_3\" (or Python's ssl.PROTOCOL_TLS, 2, or ssl.PROTOCOL_TLSv1_2, 5)");
                return "TLS";
        }
    }

    private static CipherList? ReadCiphers(ValueReader value)
    {
        if (value.OptionalString()?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        IReadOnlyList<int> suites;
        try
        {
            suites = OpenSslCiphers.Expand(text);
        }
        catch (DllNotFoundException e)
        {
            value.Problem($"ciphers = {value.Raw.Display} cannot be read: {e.Message}");
            return null;
        }

        if (suites.Count == 0)
        {
            value.Problem($"ciphers = {value.Raw.Display} is not valid: OpenSSL selects no cipher suite from it; see `openssl ciphers -v '{text}'` and the cipher list format in OpenSSL's ciphers(1)");
            return null;
        }

        return new CipherList(text, suites);
    }
}
