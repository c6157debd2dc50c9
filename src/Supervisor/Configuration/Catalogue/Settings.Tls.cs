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
