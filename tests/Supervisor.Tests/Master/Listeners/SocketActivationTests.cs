using System.Net;
using System.Net.Sockets;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Master.Listeners;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Master.Listeners;

/// <summary>Which bind entry a socket from systemd stands for; the adoption itself runs under systemd-socket-activate in Integration.</summary>
public sealed class SocketActivationTests
{
    [Theory]
    [InlineData("127.0.0.1", 8000, true)]
    [InlineData("0.0.0.0", 8000, false)]
    [InlineData("127.0.0.1", 8001, false)]
    [InlineData("localhost", 8000, true)]
    public void ATcpEntryMatchesTheAddressAndPortItListensOn(string host, int port, bool matches) =>
        Assert.Equal(matches, SocketActivation.Matches(BindAddress.TcpAddress(host, port), 3, new IPEndPoint(IPAddress.Loopback, 8000)));

    [Fact]
    public void AnIpv6EntryMatchesItsAddress() =>
        Assert.True(SocketActivation.Matches(BindAddress.TcpAddress("[::]", 80), 4, new IPEndPoint(IPAddress.IPv6Any, 80)));

    [Fact]
    public void AUnixEntryMatchesItsPathAndAnFdEntryItsNumber()
    {
        Assert.True(SocketActivation.Matches(BindAddress.UnixAddress("/run/app.sock"), 3, new UnixDomainSocketEndPoint("/run/app.sock")));
        Assert.False(SocketActivation.Matches(BindAddress.UnixAddress("/run/other.sock"), 3, new UnixDomainSocketEndPoint("/run/app.sock")));
        Assert.True(SocketActivation.Matches(BindAddress.Inherited(4), 4, null));
        Assert.False(SocketActivation.Matches(BindAddress.Inherited(4), 3, null));
    }

    [Fact]
    public void SocketsMeantForAnotherProcessAreLeftAloneAndTheVariablesGo()
    {
        Environment.SetEnvironmentVariable(SocketActivation.PidVariable, "1");
        Environment.SetEnvironmentVariable(SocketActivation.FdsVariable, "2");
        Environment.SetEnvironmentVariable(SocketActivation.NamesVariable, "web:admin");
        var log = new CollectingSink();

        var adopted = SocketActivation.Take([BindAddress.Inherited(3)], log.CreateLogger());

        Assert.Empty(adopted);
        Assert.Empty(log.Messages);
        Assert.Null(Environment.GetEnvironmentVariable(SocketActivation.PidVariable));
        Assert.Null(Environment.GetEnvironmentVariable(SocketActivation.FdsVariable));
        Assert.Null(Environment.GetEnvironmentVariable(SocketActivation.NamesVariable));
    }
}
