using System.Net;
using SampleApp.Hosting;

namespace SampleApp.Tests.Hosting;

public sealed class ForwardedAllowIpsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TheDefaultTrustsOnlyTheLoopbackAddresses(string? value)
    {
        var options = ForwardedAllowIps.Parse(value);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Fact]
    public void AddressesAndNetworksMayBeMixed()
    {
        var options = ForwardedAllowIps.Parse("10.0.0.5, 172.28.0.0/24");
        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("172.28.0.0/24")], options.KnownIPNetworks);
    }

    [Fact]
    public void AStarTrustsEveryAddress()
    {
        var options = ForwardedAllowIps.Parse("*");
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("203.0.113.9")));
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void AnEntryThatIsNeitherSaysWhatIsExpected() =>
        Assert.Equal("FORWARDED_ALLOW_IPS: 'nginx' is not an IP address or a CIDR network; expected a list such as 127.0.0.1,10.0.0.0/8 (or * for any).",
            Assert.Throws<FormatException>(() => ForwardedAllowIps.Parse("127.0.0.1,nginx")).Message);
}
