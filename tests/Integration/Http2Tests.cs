using Integration.Support;

namespace Integration;

/// <summary>http_protocols and http2_cleartext on a real master: h2 by ALPN over TLS, h2c with prior knowledge, checked with curl.</summary>
public sealed class Http2Tests
{
    private static Task<Tool.Result> CurlAsync(params string[] arguments) =>
        Tool.RunAsync("curl", ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code} %{http_version}", .. arguments]);

    [Fact]
    public async Task OverTlsAlpnNegotiatesH2AndStillServesHttp11()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var (cert, key) = await certificates.ServerAsync("server");
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\ncertfile = \"{cert}\"\nkeyfile = \"{key}\"\nhttp_protocols = [\"h1\", \"h2\"]\n");
        await master.WaitForReadyWorkersAsync(1);
        var url = $"https://127.0.0.1:{port}/";

        Assert.Equal("200 2", (await CurlAsync("--cacert", certificates.CaCert, "--http2", url)).Stdout);
        Assert.Equal("200 1.1", (await CurlAsync("--cacert", certificates.CaCert, "--http1.1", url)).Stdout);
    }

    [Fact]
    public async Task ByDefaultTlsServesHttp11Only()
    {
        using var folder = new TempFolder();
        var certificates = await TestCertificates.CreateAsync(folder.Path);
        var (cert, key) = await certificates.ServerAsync("server");
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\ncertfile = \"{cert}\"\nkeyfile = \"{key}\"\n");
        await master.WaitForReadyWorkersAsync(1);

        Assert.Equal("200 1.1", (await CurlAsync("--cacert", certificates.CaCert, "--http2", $"https://127.0.0.1:{port}/")).Stdout);
    }

    [Fact]
    public async Task H2cWithPriorKnowledgeCarriesAGrpcStyleRequestToTheApp()
    {
        using var folder = new TempFolder();
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\nhttp_protocols = \"h2,h1\"\nhttp2_cleartext = \"prior-knowledge\"\naccesslog = \"-\"\naccess_log_format = \"%(r)s %(s)s\"\n");
        await master.WaitForReadyWorkersAsync(1);

        var plain = await CurlAsync("--http2-prior-knowledge", $"http://127.0.0.1:{port}/");
        var grpc = await CurlAsync("--http2-prior-knowledge", "-X", "POST", "-H", "content-type: application/grpc", "-H", "te: trailers",
            "--data-binary", "", $"http://127.0.0.1:{port}/greet.Greeter/SayHello");

        Assert.Equal("200 2", plain.Stdout);
        Assert.EndsWith(" 2", grpc.Stdout, StringComparison.Ordinal);
        // The app answered it: its status is in the access log, on a request line of HTTP/2.
        var status = grpc.Stdout.Split(' ')[0];
        await master.WaitForLineAsync($"^POST /greet.Greeter/SayHello HTTP/2 {status}$");
    }
}
