using Supervisor.Configuration.Catalogue;
using Supervisor.Worker.Logging;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>syslog, syslog_addr, syslog_prefix, syslog_facility and disable_redirect_access_to_syslog, as Gunicorn reads them.</summary>
public sealed class SyslogSettingsTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void SyslogIsOffByDefaultAndTheMasterLogsWithoutIt()
    {
        var config = _fixture.Valid(App);

        Assert.False(config.Get(Settings.Syslog));
        Assert.Equal("udp://localhost:514", config.Get(Settings.SyslogAddr));
        Assert.Equal("user", config.Get(Settings.SyslogFacility));
        Assert.Null(config.LogSettings.Syslog);
    }

    [Fact]
    public void TheMasterLogsToSyslogWithTheSettingsItsWorkersGet()
    {
        var config = _fixture.Valid(App + "syslog = true\nsyslog_addr = \"tcp://logs:601\"\nsyslog_prefix = \"shop\"\nsyslog_facility = \"LOCAL7\"\ndisable_redirect_access_to_syslog = true");

        var syslog = config.LogSettings.Syslog!;

        Assert.Equal("tcp://logs:601", syslog.Address.ToString());
        Assert.Equal(23, syslog.Facility);
        Assert.Equal("shop", syslog.AppName);
        Assert.False(syslog.Access);
        Assert.Equal(SyslogSettings.DefaultAppName, _fixture.Valid(App + "syslog = true").LogSettings.Syslog!.AppName);
    }

    [Theory]
    [InlineData("syslog_addr = \"syslog.local:514\"", "syslog_addr = \"syslog.local:514\" is not valid: expected udp://HOST:PORT, tcp://HOST:PORT or unix://PATH")]
    [InlineData("syslog_facility = \"local9\"", "syslog_facility = \"local9\" is not valid: expected one of kern, user, mail, daemon, auth, security, syslog, lpr, news, uucp, cron, authpriv, ftp, local0, local1, local2, local3, local4, local5, local6, local7")]
    [InlineData("syslog_prefix = \"my app\"", "syslog_prefix = \"my app\" is not valid: expected at most 48 printable ASCII characters without spaces, as RFC 5424 allows in APP-NAME")]
    public void AValueSyslogCannotUseIsRefusedSayingWhatItMayBe(string line, string expected)
    {
        Assert.EndsWith(expected, Assert.Single(_fixture.Problems(App + line)), StringComparison.Ordinal);
    }
}
