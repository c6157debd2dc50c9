using System.Net;
using Supervisor.Worker.Requests;

namespace Worker.Tests.Requests;

/// <summary>Which peers are the proxy, as forwarded_allow_ips says.</summary>
public sealed class ProxyTrustTests
{
    [Theory]
    [InlineData("127.0.0.1,::1", "127.0.0.1", true)]
    [InlineData("127.0.0.1,::1", "::1", true)]
    [InlineData("127.0.0.1,::1", "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.1,::1", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("*", "203.0.113.9", true)]
    [InlineData("", "127.0.0.1", false)]
    public void APeerIsTrustedWhenTheListNamesIt(string list, string peer, bool trusted)
    {
        Assert.Equal(trusted, ProxyTrust.Parse(list, "").Trusts(IPAddress.Parse(peer)));
    }

    [Fact]
    public void AUnixSocketPeerCountsAsLoopback()
    {
        Assert.True(ProxyTrust.Parse("127.0.0.1", "").Trusts(null));
        Assert.False(ProxyTrust.Parse("10.0.0.0/8", "").Trusts(null));
    }

    [Fact]
    public void SchemeHeadersArePairsAndABadEntryIsNamed()
    {
        var trust = ProxyTrust.Parse("*", "X-FORWARDED-PROTO=https,X-FORWARDED-SSL=on");

        Assert.Equal([new("X-FORWARDED-PROTO", "https"), new("X-FORWARDED-SSL", "on")], trust.SecureSchemeHeaders);
        Assert.Equal("forwarded_allow_ips: 'proxy' is not an IP address, a CIDR network or *.", Assert.Throws<FormatException>(() => ProxyTrust.Parse("proxy", "")).Message);
        Assert.Equal("secure_scheme_headers: 'X-ONLY' is not HEADER=value.", Assert.Throws<FormatException>(() => ProxyTrust.Parse("*", "X-ONLY")).Message);
    }
}
