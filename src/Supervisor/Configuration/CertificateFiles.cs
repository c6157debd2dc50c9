using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Configuration;

/// <summary>
/// What certfile, keyfile and ca_certs must hold before a worker loads them: a readable PEM certificate, an
/// unencrypted PEM key that matches it, PEM certificates of authorities. Each answer is a reason naming the file,
/// or null when it is fine; a worker that failed on these would fail to boot with the reason lost in its log.
/// </summary>
internal static class CertificateFiles
{
    /// <summary>Why the certificate (and its key, in <paramref name="keyFile"/> or in the same file) cannot be served.</summary>
    public static (string? CertProblem, string? KeyProblem) Check(string certFile, string? keyFile)
    {
        if (Read(certFile, out var certText) is { } unreadable)
        {
            return (unreadable, null);
        }

        if (!HasLabel(certText, "CERTIFICATE"))
        {
            return ($"{certFile} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); give the server's certificate in PEM form", null);
        }

        var keyPath = keyFile ?? certFile;
        string keyText;
        if (keyFile is null)
        {
            keyText = certText;
        }
        else if (Read(keyFile, out keyText) is { } keyUnreadable)
        {
            return (null, keyUnreadable);
        }

        if (HasLabel(keyText, "ENCRYPTED PRIVATE KEY"))
        {
            return (null, $"{keyPath} holds an encrypted key, which workers cannot open without its passphrase; write it unencrypted (openssl pkey -in {keyPath} -out key.pem) with mode 0600");
        }

        if (!HasLabel(keyText, "PRIVATE KEY") && !HasLabel(keyText, "RSA PRIVATE KEY") && !HasLabel(keyText, "EC PRIVATE KEY"))
        {
            return keyFile is null
                ? ($"{certFile} holds no private key and keyfile is not set; set keyfile to the certificate's PEM key", null)
                : (null, $"{keyFile} holds no PEM private key (a block starting -----BEGIN PRIVATE KEY-----)");
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certText, keyText);
            return (null, null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            var certificateOk = TryCertificate(certText);
            return certificateOk
                ? (null, $"the key in {keyPath} does not match the certificate in {certFile}; give the key the certificate was issued for")
                : ($"{certFile} holds a PEM block that is not a valid certificate", null);
        }
    }

    /// <summary>Why the file of certificate authorities cannot be used to check client certificates.</summary>
    public static string? CheckAuthorities(string caCerts)
    {
        if (Read(caCerts, out var text) is { } unreadable)
        {
            return unreadable;
        }

        if (!HasLabel(text, "CERTIFICATE") || !TryCertificate(text))
        {
            return $"{caCerts} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); give the certificates of the authorities that sign client certificates";
        }

        return null;
    }

    private static bool TryCertificate(string text)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(text);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool HasLabel(string text, string label) =>
        text.Contains($"-----BEGIN {label}-----", StringComparison.Ordinal);

    private static string? Read(string path, out string text)
    {
        text = "";
        if (Directory.Exists(path))
        {
            return $"{path} is a folder; name the PEM file in it";
        }

        if (!File.Exists(path))
        {
            return $"{path} does not exist; give the path of a PEM file";
        }

        try
        {
            text = File.ReadAllText(path);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"{path} cannot be read by the master ({e.Message}); make it readable by the master's and the workers' user";
        }
    }
}
