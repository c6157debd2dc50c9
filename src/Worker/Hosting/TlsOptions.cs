using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Hosting;

/// <summary>
/// Kestrel's HTTPS options from the contract's TLS part, the way Gunicorn builds its ssl context: the certificate
/// (and the chain after it in the same file), the key, client certificates checked against ca_certs, the lowest
/// protocol and the cipher suites. The files are read here, as the worker starts: a reload serves a renewed
/// certificate.
/// </summary>
internal static class TlsOptions
{
    public static HttpsConnectionAdapterOptions Create(TlsContract tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        // The key is in the certificate file when no key file is given, as Gunicorn's load_cert_chain allows.
        var certificate = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(tls.CertFile);
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ServerCertificateChain = new X509Certificate2Collection(all.Skip(1).ToArray()),
            SslProtocols = tls.MinVersion switch
            {
                "1.3" => SslProtocols.Tls13,
                "1.2" => SslProtocols.Tls12 | SslProtocols.Tls13,
                _ => SslProtocols.None,
            },
            ClientCertificateMode = tls.CertReqs switch
            {
                0 => ClientCertificateMode.NoCertificate,
                1 => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.RequireCertificate,
            },
        };
        if (tls.CertReqs > 0)
        {
            var authorities = LoadAuthorities(tls.CaCerts);
            options.ClientCertificateValidation = (client, _, _) => IsTrusted(client, authorities);
        }

        if (tls.Ciphers.Count > 0 && !OperatingSystem.IsWindows())
        {
            var policy = new CipherSuitesPolicy(tls.Ciphers.Select(id => (TlsCipherSuite)id));
            options.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = policy;
        }

        return options;
    }

    private static X509Certificate2Collection? LoadAuthorities(string? caCerts)
    {
        if (caCerts is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caCerts);
        return authorities;
    }

    /// <summary>
    /// The client's certificate chains to one of ca_certs (or, without it, to the system's trust store). Revocation is
    /// not checked, as Python's ssl does not by default: a worker must not hang on a CRL server mid-handshake.
    /// </summary>
    internal static bool IsTrusted(X509Certificate2 client, X509Certificate2Collection? authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        return chain.Build(client);
    }
}
