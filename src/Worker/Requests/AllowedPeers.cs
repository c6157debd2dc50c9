using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace Supervisor.Worker.Requests;

/// <summary>
/// A list of Gunicorn's *_allow_ips form (addresses, CIDR networks, or *), as the contract carries it: the peers
/// a worker believes when they speak for a client, by forwarded headers or by a PROXY protocol header.
/// </summary>
internal sealed class AllowedPeers
{
    private readonly List<IPNetwork> _networks = [];
    private readonly List<IPAddress> _addresses = [];
    private bool _any;

    private AllowedPeers()
    {
    }

    public bool IsEmpty => !_any && _networks.Count == 0 && _addresses.Count == 0;

    /// <param name="setting">The setting the list comes from, named in the message of a bad entry.</param>
    /// <param name="list">Entries separated by commas.</param>
    /// <exception cref="FormatException">An entry that is not an address, a network or *; the message names it.</exception>
    public static AllowedPeers Parse(string setting, string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var peers = new AllowedPeers();
        foreach (var entry in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*")
            {
                peers._any = true;
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                peers._addresses.Add(address);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                peers._networks.Add(network);
            }
            else
            {
                throw new FormatException($"{setting}: '{entry}' is not an IP address, a CIDR network or *.");
            }
        }

        return peers;
    }

    /// <param name="peer">The connection's peer; null for a unix socket.</param>
    public bool Trusts(IPAddress? peer)
    {
        if (peer is null)
        {
            // A unix socket has no peer address: the proxy is on this machine, as with loopback.
            return _any || _addresses.Any(IPAddress.IsLoopback);
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        return _any || _addresses.Contains(peer) || _networks.Any(n => n.Contains(peer));
    }
}
