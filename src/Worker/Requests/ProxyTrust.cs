using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace Supervisor.Worker.Requests;

/// <summary>
/// Gunicorn's forwarded_allow_ips and secure_scheme_headers, as the contract carries them: which peers are the
/// proxy, and which of their headers say the client came over HTTPS.
/// </summary>
internal sealed class ProxyTrust
{
    private readonly List<IPNetwork> _networks = [];
    private readonly List<IPAddress> _addresses = [];

    private ProxyTrust()
    {
    }

    /// <summary>Any peer is believed (*).</summary>
    public bool TrustsAny { get; private set; }

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public IReadOnlyList<IPAddress> Addresses => _addresses;

    /// <summary>Header names with the value that means HTTPS.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SecureSchemeHeaders { get; private set; } = [];

    public bool IsEmpty => !TrustsAny && _networks.Count == 0 && _addresses.Count == 0;

    /// <exception cref="FormatException">An entry that is not an address, a network or *; the message names it.</exception>
    public static ProxyTrust Parse(string allowIps, string secureSchemeHeaders)
    {
        var trust = new ProxyTrust();
        foreach (var entry in allowIps.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*")
            {
                trust.TrustsAny = true;
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                trust._addresses.Add(address);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                trust._networks.Add(network);
            }
            else
            {
                throw new FormatException($"forwarded_allow_ips: '{entry}' is not an IP address, a CIDR network or *.");
            }
        }

        trust.SecureSchemeHeaders = secureSchemeHeaders
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(parts => parts.Length == 2 && parts[0].Length > 0
                ? new KeyValuePair<string, string>(parts[0], parts[1])
                : throw new FormatException($"secure_scheme_headers: '{string.Join('=', parts)}' is not HEADER=value."))
            .ToList();
        return trust;
    }

    public bool Trusts(IPAddress? peer)
    {
        if (peer is null)
        {
            // A unix socket has no peer address: the proxy is on this machine, as with loopback.
            return TrustsAny || _addresses.Any(IPAddress.IsLoopback);
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        return TrustsAny || _addresses.Contains(peer) || _networks.Any(n => n.Contains(peer));
    }
}
