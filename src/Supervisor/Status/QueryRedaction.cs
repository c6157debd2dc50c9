namespace Supervisor.Status;

/// <summary>
/// Hides the values of query parameters whose names look secret (<c>?token=...</c>, <c>api_key</c>,
/// <c>password</c>, an OAuth <c>code</c>) wherever a request line is shown outside the access log: the timeout
/// and slow-request logs, <c>status --full</c>, <c>top</c>. Those go to people and places the access log does not.
/// </summary>
/// <remarks>
/// A name matches when it holds one of the words, in any case, once percent-decoded: too much is hidden rather
/// than too little. A slot holds a line truncated to 128 bytes: a value whose name was cut off is gone anyway.
/// </remarks>
internal static class QueryRedaction
{
    public const string Hidden = "REDACTED";

    private static readonly string[] SecretWords =
        ["token", "password", "passwd", "secret", "key", "code", "auth", "session", "signature", "credential"];

    /// <summary><c>GET /a?token=abc&amp;page=2</c> becomes <c>GET /a?token=REDACTED&amp;page=2</c>.</summary>
    public static string RequestLine(string line)
    {
        var question = line.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? line : line[..(question + 1)] + Query(line[(question + 1)..]);
    }

    /// <summary>A query string without its '?': each <c>name=value</c> whose name looks secret keeps its name only.</summary>
    public static string Query(string query) => string.Join('&', query.Split('&').Select(Pair));

    private static string Pair(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && LooksSecret(pair[..equals]) ? pair[..(equals + 1)] + Hidden : pair;
    }

    private static bool LooksSecret(string name)
    {
        var decoded = Uri.UnescapeDataString(name.Replace('+', ' '));
        return SecretWords.Any(word => decoded.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
