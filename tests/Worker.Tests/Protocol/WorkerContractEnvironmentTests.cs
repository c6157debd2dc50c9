using System.Reflection;
using Supervisor.Worker.Protocol;

namespace Worker.Tests.Protocol;

/// <summary>The master writes a contract with ToEnvironment and the worker reads it with Parse: the two must agree.</summary>
public sealed class WorkerContractEnvironmentTests
{
    // Every field away from its default, so that a field ToEnvironment forgets comes back different.
    private static readonly WorkerContract Full = new()
    {
        ListenFds = [5, 3, 9],
        ScoreboardPath = "/run/supervisor/board/slot-7",
        Slot = 7,
        Generation = 12,
        MasterPid = 4321,
        MaxRequests = 1017,
        KeepAlive = TimeSpan.FromSeconds(5),
        GracefulTimeout = TimeSpan.FromSeconds(45),
        Backlog = 511,
        LimitRequestLine = 8190,
        LimitRequestFields = 64,
        LimitRequestFieldSize = 16380,
        LogLevel = "debug",
        LogFormat = "json",
        ErrorLog = "/var/log/app/error.log",
        AccessLog = "-",
        AccessLogFormat = "%(h)s %(r)s %(s)s",
        ProcName = "orders",
        WorkerConnections = 64,
        ForwardedAllowIps = "10.0.0.0/8,*",
        SecureSchemeHeaders = "X-SCHEME=https",
        ProxyProtocol = true,
        ProxyAllowIps = "192.0.2.0/24,::1",
        Syslog = true,
        SyslogAddr = "tcp://logs.internal:6514",
        SyslogPrefix = "shop-api",
        SyslogFacility = "local5",
        DisableRedirectAccessToSyslog = true,
        StatsdHost = "statsd.internal:9125",
        StatsdPrefix = "shop",
        DogstatsdTags = "env:prod,team:orders",
        WakeFd = 11,
        Tls = new TlsContract
        {
            CertFile = "/etc/app/cert.pem",
            KeyFile = "/etc/app/key.pem",
            CaCerts = "/etc/app/ca.pem",
            CertReqs = 2,
            MinVersion = "1.3",
            Ciphers = [0x1301, 0xC02B],
        },
        HttpProtocols = "h1,h2",
        Http2Cleartext = true,
        Http2MaxConcurrentStreams = 250,
        Http2InitialWindowSize = 1048576,
        Http2MaxFrameSize = 32768,
    };

    private static WorkerContract RoundTrip(WorkerContract contract)
    {
        var environment = contract.ToEnvironment();
        return WorkerContract.Parse(name => environment.GetValueOrDefault(name));
    }

    [Fact]
    public void AContractWrittenToTheEnvironmentParsesBackEqual()
    {
        var parsed = RoundTrip(Full);

        Assert.Equal(Full.ListenFds, parsed.ListenFds);
        // The list is compared above by its items; the record compares it by reference.
        Assert.Equal(Full, parsed with { ListenFds = Full.ListenFds });
    }

    [Fact]
    public void AContractWithDefaultsAndNoWakePipeParsesBackEqualAndSetsNoWakeFd()
    {
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1 };

        var environment = contract.ToEnvironment();
        var parsed = RoundTrip(contract);

        Assert.DoesNotContain(ContractVariables.WakeFd, environment.Keys);
        Assert.DoesNotContain(ContractVariables.CertFile, environment.Keys);
        Assert.Null(parsed.WakeFd);
        Assert.Null(parsed.Tls);
        Assert.Equal(contract, parsed with { ListenFds = contract.ListenFds });
    }

    [Fact]
    public void EveryContractVariableIsWritten()
    {
        var names = typeof(ContractVariables)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name != nameof(ContractVariables.Prefix))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(names, Full.ToEnvironment().Keys.Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.StartsWith(ContractVariables.Prefix, name, StringComparison.Ordinal));
    }

    [Fact]
    public void NumbersAreWrittenAsTheWorkerReadsThem()
    {
        var environment = Full.ToEnvironment();

        Assert.Equal("5,3,9", environment[ContractVariables.ListenFds]);
        Assert.Equal("5", environment[ContractVariables.KeepAlive]);
        Assert.Equal("45", environment[ContractVariables.GracefulTimeout]);
        Assert.Equal("11", environment[ContractVariables.WakeFd]);
    }
}
