using System.Net.Sockets;
using Supervisor.Worker.Protocol;

namespace Worker.Tests.Protocol;

/// <summary>syslog_addr and statsd_host read as Gunicorn reads them.</summary>
public sealed class LogAddressTests
{
    [Theory]
    [InlineData("udp://localhost:514", SocketType.Dgram, "localhost", 514)]
    [InlineData("udp://LOGS.example:5140", SocketType.Dgram, "logs.example", 5140)]
    [InlineData("tcp://10.0.0.5", SocketType.Stream, "10.0.0.5", 514)]
    [InlineData("udp://", SocketType.Dgram, "localhost", 514)]
    [InlineData("tcp://[::1]:601", SocketType.Stream, "::1", 601)]
    public void ASyslogNetworkAddressHasGunicornsDefaults(string text, SocketType type, string host, int port)
    {
        Assert.Equal(new LogAddress(type, host, port, null), LogAddress.ParseSyslog(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("unix:///dev/log", null)]
    [InlineData("unix:///dev/log#dgram", SocketType.Dgram)]
    [InlineData("unix:///dev/log#stream", SocketType.Stream)]
    public void AUnixAddressSaysItsKindOrLeavesItToBeFound(string text, SocketType? type)
    {
        Assert.Equal(new LogAddress(type, "", 0, "/dev/log"), LogAddress.ParseSyslog(text, out _));
    }

    [Theory]
    [InlineData("localhost:514", "expected udp://HOST:PORT, tcp://HOST:PORT or unix://PATH")]
    [InlineData("udp://localhost:syslog", "the port 'syslog' is not a number from 1 to 65535")]
    [InlineData("tcp://localhost:70000", "the port '70000' is not a number from 1 to 65535")]
    [InlineData("unix://dev/log", "expected unix://PATH, unix://PATH#dgram or unix://PATH#stream with an absolute PATH")]
    [InlineData("unix:///dev/log#seqpacket", "expected unix://PATH, unix://PATH#dgram or unix://PATH#stream")]
    public void AnythingElseIsRefusedSayingWhatIsExpected(string text, string expected)
    {
        Assert.Null(LogAddress.ParseSyslog(text, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("statsd.internal:9125", "statsd.internal", 9125, null)]
    [InlineData("localhost", "localhost", 8125, null)]
    [InlineData("unix:///run/statsd.sock", "", 0, "/run/statsd.sock")]
    [InlineData("unix:/run/statsd.sock", "", 0, "/run/statsd.sock")]
    [InlineData("unix:8125", "unix", 8125, null)]
    [InlineData("[::1]:8125", "::1", 8125, null)]
    public void AStatsdHostIsHostAndPortOrAUnixPathOverDatagrams(string text, string host, int port, string? path)
    {
        Assert.Equal(new LogAddress(SocketType.Dgram, host, port, path), LogAddress.ParseStatsd(text, out _));
    }

    [Theory]
    [InlineData("statsd:80x", "expected HOST:PORT, unix://PATH or unix:PATH: the port '80x' is not a number from 1 to 65535")]
    [InlineData("udp://statsd:8125", "expected HOST:PORT, unix://PATH or unix:PATH")]
    [InlineData("stats d:8125", "expected HOST:PORT, unix://PATH or unix:PATH")]
    [InlineData("unix:run/statsd.sock", "expected HOST:PORT, unix://PATH or unix:PATH with an absolute PATH")]
    public void AStatsdHostOfAnotherFormIsRefusedSayingWhatIsExpected(string text, string expected)
    {
        Assert.Null(LogAddress.ParseStatsd(text, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TheContractRefusesAnAddressTheMasterWouldNotHaveWritten()
    {
        var environment = new Dictionary<string, string>
        {
            [ContractVariables.ListenFds] = "3",
            [ContractVariables.Scoreboard] = "/dev/shm/slot-0",
            [ContractVariables.Slot] = "0",
            [ContractVariables.MasterPid] = "1",
            [ContractVariables.SyslogAddr] = "syslog.local",
        };

        var error = Assert.Throws<WorkerContractException>(() => WorkerContract.Parse(name => environment.GetValueOrDefault(name)));

        Assert.Equal("SUPERVISOR_SYSLOG_ADDR is \"syslog.local\": expected udp://HOST:PORT, tcp://HOST:PORT or unix://PATH.", error.Message);
    }
}
