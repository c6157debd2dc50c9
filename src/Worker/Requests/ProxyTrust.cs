namespace Supervisor.Worker.Requests;

/// <summary>
/// Gunicorn's forwarded_allow_ips and secure_scheme_headers, as the contract carries them: which peers are the
/// proxy, and which of their headers say the client came over HTTPS.
/// </summary>
internal sealed class ProxyTrust
{
    private ProxyTrust(AllowedPeers peers, IReadOnlyList<KeyValuePair<string, string>> secureSchemeHeaders)
    {
        Peers = peers;
        SecureSchemeHeaders = secureSchemeHeaders;
    }

    public AllowedPeers Peers { get; }

    /// <summary>Header names with the value that means HTTPS.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SecureSchemeHeaders { get; }

    public bool IsEmpty => Peers.IsEmpty;

    /// <exception cref="FormatException">An entry that is not an address, a network or *; the message names it.</exception>
    public static ProxyTrust Parse(string allowIps, string secureSchemeHeaders)
    {
        var peers = AllowedPeers.Parse("forwarded_allow_ips", allowIps);
        var headers = secureSchemeHeaders
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(parts => parts.Length == 2 && parts[0].Length > 0
                ? new KeyValuePair<string, string>(parts[0], parts[1])
                : throw new FormatException($"secure_scheme_headers: '{string.Join('=', parts)}' is not HEADER=value."))
            .ToList();
        return new ProxyTrust(peers, headers);
    }

    public bool Trusts(System.Net.IPAddress? peer) => Peers.Trusts(peer);
}
