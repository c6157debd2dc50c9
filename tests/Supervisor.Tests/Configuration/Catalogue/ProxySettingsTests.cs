using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>forwarded_allow_ips, secure_scheme_headers, proxy_protocol and proxy_allow_ips read as Gunicorn reads them, and handed to workers.</summary>
public sealed class ProxySettingsTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";

    private readonly ConfigFixture _fixture = new();

    private static WorkerContract Worker(SupervisorConfig config) =>
        Settings.All.Aggregate(new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1 }, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting)));

    [Fact]
    public void TheDefaultsAreGunicorns()
    {
        var config = _fixture.Valid(App);

        Assert.Equal(["127.0.0.1", "::1"], config.Get(Settings.ForwardedAllowIps));
        Assert.Equal("https", config.Get(Settings.SecureSchemeHeaders)["X-Forwarded-Proto"]);
        Assert.Equal(3, config.Get(Settings.SecureSchemeHeaders).Count);
    }

    [Fact]
    public void AllowIpsComeFromTheFileAListOrTheEnvironment()
    {
        _fixture.Environment["FORWARDED_ALLOW_IPS"] = "10.0.0.1, 10.1.0.0/16";

        Assert.Equal(["10.0.0.1", "10.1.0.0/16"], _fixture.Valid(App).Get(Settings.ForwardedAllowIps));
        Assert.Equal(["*"], _fixture.Valid(App + "forwarded_allow_ips = \"*\"").Get(Settings.ForwardedAllowIps));
        Assert.Equal(["192.0.2.1", "::1"], _fixture.Valid(App + "forwarded_allow_ips = [\"192.0.2.1\", \"::1\"]").Get(Settings.ForwardedAllowIps));
        Assert.Empty(_fixture.Valid(App + "forwarded_allow_ips = \"\"").Get(Settings.ForwardedAllowIps));
    }

    [Fact]
    public void AnEntryThatIsNoAddressIsRefused()
    {
        var problem = Assert.Single(_fixture.Problems(App + "forwarded_allow_ips = \"127.0.0.1,proxy.local\""));

        Assert.EndsWith("forwarded_allow_ips = \"127.0.0.1,proxy.local\" is not valid: 'proxy.local' is not an IP address, a CIDR network or \"*\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemeHeadersAreAnInlineTableAndAnEmptyOneTurnsThemOff()
    {
        var custom = _fixture.Valid(App + "secure_scheme_headers = { \"X-Scheme\" = \"secure\", Front-End-Https = \"on\" }");

        Assert.Equal(2, custom.Get(Settings.SecureSchemeHeaders).Count);
        Assert.Equal("on", custom.Get(Settings.SecureSchemeHeaders)["front-end-https"]);
        Assert.Empty(_fixture.Valid(App + "secure_scheme_headers = {}").Get(Settings.SecureSchemeHeaders));
        Assert.EndsWith("secure_scheme_headers = \"X-Scheme\" is not valid: expected an inline table of header = value strings, such as { \"X-FORWARDED-PROTO\" = \"https\" }",
            Assert.Single(_fixture.Problems(App + "secure_scheme_headers = \"X-Scheme\"")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCheckPrintoutReadsBackAsTheSameSettings()
    {
        var config = _fixture.Valid(App + "secure_scheme_headers = { \"X-Scheme\" = \"secure\" }\nforwarded_allow_ips = [\"10.0.0.1\", \"10.2.0.0/16\"]");

        var printed = Supervisor.Configuration.ConfigPrinter.Values(config);

        Assert.Equal("{ \"X-Scheme\" = \"secure\" }", printed["secure_scheme_headers"]);
        Assert.Equal("\"10.0.0.1,10.2.0.0/16\"", printed["forwarded_allow_ips"]);
        var again = _fixture.Valid(App + $"secure_scheme_headers = {printed["secure_scheme_headers"]}\nforwarded_allow_ips = {printed["forwarded_allow_ips"]}");
        Assert.Equal(config.Get(Settings.SecureSchemeHeaders), again.Get(Settings.SecureSchemeHeaders));
        Assert.Equal(config.Get(Settings.ForwardedAllowIps), again.Get(Settings.ForwardedAllowIps));
    }

    [Fact]
    public void ProxyProtocolIsOffAndAllowsLoopbackByDefault()
    {
        var contract = Worker(_fixture.Valid(App));

        Assert.False(contract.ProxyProtocol);
        Assert.Equal("127.0.0.1,::1", contract.ProxyAllowIps);
    }

    [Fact]
    public void ProxyProtocolAndItsPeersReachTheWorker()
    {
        var contract = Worker(_fixture.Valid(App + "proxy_protocol = true\nproxy_allow_ips = [\"10.0.0.0/8\", \"192.0.2.1\"]"));

        Assert.True(contract.ProxyProtocol);
        Assert.Equal("10.0.0.0/8,192.0.2.1", contract.ProxyAllowIps);
    }

    [Fact]
    public void GunicornsAutoAndOffAreUnderstoodAndASingleVersionIsRefused()
    {
        Assert.True(_fixture.Valid(App + "proxy_protocol = \"auto\"").Get(Settings.ProxyProtocol));
        Assert.False(_fixture.Valid(App + "proxy_protocol = \"off\"").Get(Settings.ProxyProtocol));
        Assert.True(_fixture.Valid(App, new Dictionary<string, object> { ["proxy_protocol"] = "true" }).Get(Settings.ProxyProtocol));

        var problem = Assert.Single(_fixture.Problems(App + "proxy_protocol = \"v2\""));

        Assert.EndsWith("proxy_protocol = \"v2\" is not valid: expected true or false (or Gunicorn's \"auto\" and \"off\"): when on, v1 and v2 headers are both read", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AProxyAllowEntryThatIsNoAddressIsRefusedByItsOwnName()
    {
        var problem = Assert.Single(_fixture.Problems(App + "proxy_allow_ips = \"lb.internal\""));

        Assert.EndsWith("proxy_allow_ips = \"lb.internal\" is not valid: 'lb.internal' is not an IP address, a CIDR network or \"*\"", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
