namespace Integration.Support;

/// <summary>
/// Certificates made with openssl in a folder of the test's own: a certificate authority, server certificates it
/// signs for 127.0.0.1, and client certificates. Keys are written unencrypted with mode 0600.
/// </summary>
public sealed class TestCertificates
{
    private readonly string _folder;

    private TestCertificates(string folder) => _folder = folder;

    public string CaCert => Path.Combine(_folder, "ca.pem");

    public string CaKey => Path.Combine(_folder, "ca.key");

    /// <summary>A new authority in <paramref name="folder"/>.</summary>
    public static async Task<TestCertificates> CreateAsync(string folder)
    {
        var certificates = new TestCertificates(folder);
        await OpenSslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", certificates.CaKey, "-out", certificates.CaCert, "-days", "2", "-subj", "/CN=Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        File.SetUnixFileMode(certificates.CaKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return certificates;
    }

    /// <summary>A server certificate for 127.0.0.1 with this common name, signed by the authority: (cert, key).</summary>
    public Task<(string Cert, string Key)> ServerAsync(string name) =>
        IssueAsync(name, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");

    /// <summary>A client certificate with this common name, signed by the authority: (cert, key).</summary>
    public Task<(string Cert, string Key)> ClientAsync(string name) => IssueAsync(name, "extendedKeyUsage=clientAuth\n");

    private async Task<(string Cert, string Key)> IssueAsync(string name, string extensions)
    {
        var key = Path.Combine(_folder, name + ".key");
        var request = Path.Combine(_folder, name + ".csr");
        var cert = Path.Combine(_folder, name + ".pem");
        var extensionFile = Path.Combine(_folder, name + ".ext");
        File.WriteAllText(extensionFile, extensions);
        await OpenSslAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=" + name);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await OpenSslAsync("x509", "-req", "-in", request, "-CA", CaCert, "-CAkey", CaKey, "-CAcreateserial", "-days", "2",
            "-extfile", extensionFile, "-out", cert);
        return (cert, key);
    }

    private static async Task OpenSslAsync(params string[] arguments)
    {
        var result = await Tool.RunAsync("openssl", arguments);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)}: {result}");
    }
}
