using Supervisor.Configuration.Catalogue;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>Gunicorn's SSL and HTTP/2 settings read as Gunicorn reads them, checked together, and handed to workers.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\ncertfile = \"cert.pem\"\n";

    private readonly ConfigFixture _fixture = new();

    [Theory]
    [InlineData("ssl_version = \"TLSv1_2\"", "TLSv1_2")]
    [InlineData("ssl_version = \"PROTOCOL_TLSv1_2\"", "TLSv1_2")]
    [InlineData("ssl_version = 5", "TLSv1_2")]
    [InlineData("ssl_version = \"TLSv1_3\"", "TLSv1_3")]
    [InlineData("ssl_version = \"tlsv1.3\"", "TLSv1_3")]
    [InlineData("ssl_version = \"TLS\"", "TLS")]
    [InlineData("ssl_version = \"SSLv23\"", "TLS")]
    [InlineData("ssl_version = \"TLS_SERVER\"", "TLS")]
    [InlineData("ssl_version = 2", "TLS")]
    [InlineData("", "TLS")]
    public void SslVersionTakesGunicornsSpellingsAsTheLowestVersion(string line, string expected)
    {
        Assert.Equal(expected, _fixture.Valid(App + line).Get(Settings.SslVersion));
    }

    [Theory]
    [InlineData("ssl_version = \"TLSv1\"")]
    [InlineData("ssl_version = \"TLSv1_1\"")]
    [InlineData("ssl_version = \"SSLv3\"")]
    [InlineData("ssl_version = 4")]
    public void AnUnsafeSslVersionIsRefusedWithWhatToUse(string line)
    {
        var problem = Assert.Single(_fixture.Problems(App + line));

        Assert.EndsWith("is not valid: SSL and TLS 1.0 and 1.1 are not safe and are not served; use \"TLSv1_2\" (the lowest served by default) or \"TLSv1_3\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CiphersAreExpandedByOpenSslIntoSuiteNumbers()
    {
        var ciphers = _fixture.Valid(App + "ciphers = \"ECDHE+AESGCM\"").Get(Settings.Ciphers);

        Assert.NotNull(ciphers);
        Assert.Equal("ECDHE+AESGCM", ciphers.Text);
        // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, chosen by the string; TLS_AES_128_GCM_SHA256, TLS 1.3's default.
        Assert.Contains(0xC02B, ciphers.Suites);
        Assert.Contains(0x1301, ciphers.Suites);
        // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA is not AES-GCM.
        Assert.DoesNotContain(0xC013, ciphers.Suites);
    }

    [Fact]
    public void ACipherStringThatSelectsNothingIsRefused()
    {
        var problem = Assert.Single(_fixture.Problems(App + "ciphers = \"NO-SUCH-CIPHER\""));

        Assert.Equal(
            $"{_fixture.Folder}/gunicorn.toml:3:11: ciphers = \"NO-SUCH-CIPHER\" is not valid: OpenSSL selects no cipher suite from it; see `openssl ciphers -v 'NO-SUCH-CIPHER'` and the cipher list format in OpenSSL's ciphers(1)",
            problem);
    }

    [Fact]
    public void TlsSettingsWithoutCertfileAreRefused()
    {
        var problems = _fixture.Problems("app = \"./MyApp\"\nkeyfile = \"key.pem\"\ncert_reqs = 2\n");

        Assert.Equal(
        [
            $"{_fixture.Folder}/gunicorn.toml:2:11: keyfile is set without certfile, so nothing is served over TLS; set certfile (and keyfile) to serve HTTPS, or remove keyfile",
            $"{_fixture.Folder}/gunicorn.toml:3:13: cert_reqs is set without certfile, so nothing is served over TLS; set certfile (and keyfile) to serve HTTPS, or remove cert_reqs",
        ], problems);
    }

    [Fact]
    public void TheSettingsReachTheWorkerAsOneTlsContract()
    {
        var config = _fixture.Valid(App + "keyfile = \"key.pem\"\nca_certs = \"ca.pem\"\ncert_reqs = 2\nssl_version = \"TLSv1_3\"\nciphers = \"ECDHE+AESGCM\"\n");
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1 };

        var tls = Settings.All.Aggregate(contract, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting))).Tls;

        Assert.NotNull(tls);
        Assert.Equal($"{_fixture.Folder}/cert.pem", tls.CertFile);
        Assert.Equal($"{_fixture.Folder}/key.pem", tls.KeyFile);
        Assert.Equal($"{_fixture.Folder}/ca.pem", tls.CaCerts);
        Assert.Equal(2, tls.CertReqs);
        Assert.Equal("1.3", tls.MinVersion);
        Assert.Contains(0xC02B, tls.Ciphers);
    }

    [Fact]
    public void WithoutCertfileWorkersSpeakCleartext()
    {
        var config = _fixture.Valid("app = \"./MyApp\"\n");
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1 };

        Assert.Null(Settings.All.Aggregate(contract, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting))).Tls);
    }

    [Theory]
    [InlineData("http_protocols = \"h2,h1\"", "h1,h2")]
    [InlineData("http_protocols = [\"h1\", \"h2\"]", "h1,h2")]
    [InlineData("http_protocols = [\"h2\"]", "h2")]
    [InlineData("", "h1")]
    public void HttpProtocolsTakeAnArrayOrGunicornsStringAndReachTheWorker(string line, string expected)
    {
        var config = _fixture.Valid(App + "keyfile = \"key.pem\"\n" + line);
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1 };

        Assert.Equal(expected, Settings.All.Aggregate(contract, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting))).HttpProtocols);
    }

    [Theory]
    [InlineData("http_protocols = [\"h3\"]")]
    [InlineData("http_protocols = [\"h2\", \"h2\"]")]
    [InlineData("http_protocols = []")]
    public void UnknownRepeatedOrNoProtocolsAreRefused(string line)
    {
        var problem = Assert.Single(_fixture.Problems(App + line));

        Assert.EndsWith("is not valid: expected \"h1\", \"h2\" or both, each once, as an array ([\"h1\", \"h2\"]) or Gunicorn's \"h2,h1\"; h3 is not served", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void H2WithoutTlsNeedsHttp2Cleartext()
    {
        var problem = Assert.Single(_fixture.Problems("app = \"./MyApp\"\nhttp_protocols = [\"h1\", \"h2\"]\n"));

        Assert.Equal(
            $"{_fixture.Folder}/gunicorn.toml:2:18: http_protocols has h2, but without TLS there is no ALPN to negotiate it: set certfile and keyfile, or http2_cleartext = \"prior-knowledge\" to serve h2c behind a proxy that speaks HTTP/2",
            problem);
    }

    [Theory]
    [InlineData("http2_cleartext = true", "prior-knowledge")]
    [InlineData("http2_cleartext = \"prior-knowledge\"", "prior-knowledge")]
    public void Http2CleartextTakesGunicornsValues(string line, string expected)
    {
        Assert.Equal(expected, _fixture.Valid("app = \"./MyApp\"\nhttp_protocols = \"h2\"\n" + line).Get(Settings.Http2Cleartext));
    }

    [Fact]
    public void Http2CleartextUpgradeIsRefusedWithWhatToUse()
    {
        var problems = _fixture.Problems("app = \"./MyApp\"\nhttp_protocols = \"h2\"\nhttp2_cleartext = \"upgrade\"\n");

        Assert.Contains(
            $"{_fixture.Folder}/gunicorn.toml:3:19: http2_cleartext = \"upgrade\" is not valid: Kestrel does not take HTTP/1.1's Upgrade: h2c (RFC 9113 dropped it); use \"prior-knowledge\", which gRPC clients and proxies speak",
            problems);
    }

    [Fact]
    public void Http2CleartextWithoutH2IsRefused()
    {
        var problem = Assert.Single(_fixture.Problems("app = \"./MyApp\"\nhttp2_cleartext = true\n"));

        Assert.EndsWith("http2_cleartext = \"prior-knowledge\" needs h2 in http_protocols, as in http_protocols = [\"h1\", \"h2\"]", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
