using Integration.Support;

namespace Integration;

/// <summary>HTTPS served by the workers on the master's sockets, with Gunicorn's SSL settings, checked with curl.</summary>
public sealed class TlsTests
{
    private static string Config(int port, string cert, string key, string extra = "") =>
        $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\ncertfile = \"{cert}\"\nkeyfile = \"{key}\"\n{extra}";

    private static Task<Tool.Result> CurlAsync(int port, string ca, params string[] extra) =>
        Tool.RunAsync("curl", ["-sS", "-v", "--max-time", "10", "--cacert", ca, "-o", "/dev/null", "-w", "%{http_code} %{http_version}", .. extra, $"https://127.0.0.1:{port}/"]);

    [Fact]
    public async Task HttpsIsServedWithTheCertificateAndItsKey()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var (cert, key) = await certificates.ServerAsync("first");
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, cert, key));
        await master.WaitForReadyWorkersAsync(1);

        var result = await CurlAsync(port, certificates.CaCert);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("200 1.1", result.Stdout);
        Assert.Contains("subject: CN=first", result.Stderr, StringComparison.Ordinal);
        // A client that does not trust the authority is refused by its own check: the server is really speaking TLS.
        var untrusted = await Tool.RunAsync("curl", "-sS", "--max-time", "10", $"https://127.0.0.1:{port}/");
        Assert.Equal(60, untrusted.ExitCode);
    }

    [Fact]
    public async Task AReloadServesARenewedCertificate()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var first = await certificates.ServerAsync("first");
        var second = await certificates.ServerAsync("second");
        var cert = Path.Combine(folder.Path, "server.pem");
        var key = Path.Combine(folder.Path, "server.key");
        File.Copy(first.Cert, cert);
        File.Copy(first.Key, key);
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, cert, key));
        await master.WaitForReadyWorkersAsync(1);
        Assert.Contains("subject: CN=first", (await CurlAsync(port, certificates.CaCert)).Stderr, StringComparison.Ordinal);
        var before = master.LiveWorkerPids.ToList();

        // As a renewal tool does: the new files replace the old ones under the same names.
        File.Copy(second.Cert, cert, overwrite: true);
        File.Copy(second.Key, key, overwrite: true);
        master.Signal(1);
        await master.WaitForReadyWorkersAsync(1, notAmong: before);

        var result = await CurlAsync(port, certificates.CaCert);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("subject: CN=second", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertReqsTwoRefusesAClientWithoutACertificateOfTheAuthorityAndServesOneWithIt()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var (cert, key) = await certificates.ServerAsync("server");
        var client = await certificates.ClientAsync("client");
        Directory.CreateDirectory(Path.Combine(folder.Path, "other"));
        var other = await (await TestCertificates.CreateAsync(Path.Combine(folder.Path, "other"))).ClientAsync("stranger");
        var port = FreePort.Next();
        await using var master = MasterRun.Start(Config(port, cert, key, $"cert_reqs = 2\nca_certs = \"{certificates.CaCert}\"\n"));
        await master.WaitForReadyWorkersAsync(1);

        var without = await CurlAsync(port, certificates.CaCert);
        var stranger = await CurlAsync(port, certificates.CaCert, "--cert", other.Cert, "--key", other.Key);
        var known = await CurlAsync(port, certificates.CaCert, "--cert", client.Cert, "--key", client.Key);

        Assert.True(without.ExitCode != 0, without.ToString());
        Assert.True(stranger.ExitCode != 0, stranger.ToString());
        Assert.True(known.ExitCode == 0, known.ToString());
        Assert.Equal("200 1.1", known.Stdout);
    }
}
