using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration;

/// <summary>
/// A certificate or key a worker could not load is a <c>check</c> (and <c>run</c>) error naming the file, through the
/// built executable: missing, not a certificate, not a key, a key of another certificate.
/// </summary>
public sealed class CertificateFilesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public CertificateFilesTests()
    {
        WritePair("cert.pem", "key.pem", "first");
        WritePair("other.pem", "other.key", "other");
    }

    public void Dispose() => _directory.Dispose();

    private string File(string name) => _directory.Combine(name);

    /// <summary>A self-signed certificate and its key, the key with mode 0600.</summary>
    private void WritePair(string certName, string keyName, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        _directory.Write(certName, certificate.ExportCertificatePem() + "\n");
        System.IO.File.WriteAllText(File(keyName), key.ExportPkcs8PrivateKeyPem() + "\n");
        System.IO.File.SetUnixFileMode(File(keyName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private async Task<string> ProblemAsync(string tls, string command = "check")
    {
        _directory.Write("gunicorn.toml", "app = \"/bin/sh\"\n" + tls);
        var result = await SupervisorExecutable.RunAsync(_directory.Path, [command]);
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal("The configuration has 1 problem; nothing was started.", lines[^1]);
        return lines[0];
    }

    [Fact]
    public async Task AMatchingPairPasses()
    {
        _directory.Write("gunicorn.toml", "app = \"/bin/sh\"\ncertfile = \"cert.pem\"\nkeyfile = \"key.pem\"\n");

        var result = await SupervisorExecutable.RunAsync(_directory.Path, ["check"]);

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task ACertfileThatDoesNotExistIsNamed() => Assert.Equal(
        $"Error: gunicorn.toml:2:12: certfile = \"missing.pem\" is not valid: {File("missing.pem")} does not exist; give the path of a PEM file",
        await ProblemAsync("certfile = \"missing.pem\"\nkeyfile = \"key.pem\"\n"));

    [Fact]
    public async Task ACertfileThatIsNotACertificateIsNamed() => Assert.Equal(
        $"Error: gunicorn.toml:2:12: certfile = \"key.pem\" is not valid: {File("key.pem")} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); give the server's certificate in PEM form",
        await ProblemAsync("certfile = \"key.pem\"\nkeyfile = \"key.pem\"\n"));

    [Fact]
    public async Task AKeyfileWithNoKeyIsNamed() => Assert.Equal(
        $"Error: gunicorn.toml:3:11: keyfile = \"other.pem\" is not valid: {File("other.pem")} holds no PEM private key (a block starting -----BEGIN PRIVATE KEY-----)",
        await ProblemAsync("certfile = \"cert.pem\"\nkeyfile = \"other.pem\"\n"));

    [Fact]
    public async Task AKeyOfAnotherCertificateIsNamedAndRunRefusesItToo()
    {
        const string Tls = "certfile = \"cert.pem\"\nkeyfile = \"other.key\"\n";
        var expected = $"gunicorn.toml:3:11: keyfile = \"other.key\" is not valid: the key in {File("other.key")} does not match the certificate in {File("cert.pem")}; give the key the certificate was issued for";

        Assert.Equal("Error: " + expected, await ProblemAsync(Tls));
        Assert.Contains(expected, await ProblemAsync(Tls, "run"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertfileWithoutKeyfileNeedsTheKeyInIt() => Assert.Equal(
        $"Error: gunicorn.toml:2:12: certfile = \"cert.pem\" is not valid: {File("cert.pem")} holds no private key and keyfile is not set; set keyfile to the certificate's PEM key",
        await ProblemAsync("certfile = \"cert.pem\"\n"));

    [Fact]
    public async Task CaCertsWithoutCertificatesIsNamed() => Assert.Equal(
        $"Error: gunicorn.toml:4:12: ca_certs = \"key.pem\" is not valid: {File("key.pem")} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); give the certificates of the authorities that sign client certificates",
        await ProblemAsync("certfile = \"cert.pem\"\nkeyfile = \"key.pem\"\nca_certs = \"key.pem\"\n"));
}
