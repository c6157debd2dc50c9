using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SampleApp.Hosting;

/// <summary>
/// Gunicorn's <c>forwarded_allow_ips</c>: X-Forwarded-For and X-Forwarded-Proto are believed only from
/// these addresses (the proxy), from <c>FORWARDED_ALLOW_IPS</c> as a comma-separated list of addresses
/// and CIDR networks, or <c>*</c> for any; default the loopback addresses, where a local nginx runs.
/// </summary>
internal static class ForwardedAllowIps
{
    public const string Variable = "FORWARDED_ALLOW_IPS";
    public const string Default = "127.0.0.1,::1";

    /// <exception cref="FormatException">An entry is neither an address nor a network; the message names it.</exception>
    public static ForwardedHeadersOptions Parse(string? value)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (string.IsNullOrWhiteSpace(value) ? Default : value).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*")
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse("0.0.0.0/0"));
                options.KnownIPNetworks.Add(IPNetwork.Parse("::/0"));
            }
            else if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownProxies.Add(address);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new FormatException($"{Variable}: '{entry}' is not an IP address or a CIDR network; expected a list such as 127.0.0.1,10.0.0.0/8 (or * for any).");
            }
        }

        return options;
    }
}
