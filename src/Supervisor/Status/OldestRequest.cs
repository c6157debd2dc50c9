namespace Supervisor.Status;

/// <summary>A worker's oldest in-flight request as it is shown to people: its query's secrets already hidden.</summary>
/// <param name="Method">GET, POST, ...; empty when the slot's text was changing too fast to read whole.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Query">The query without '?', secret values replaced by <see cref="QueryRedaction.Hidden"/>; empty when none.</param>
/// <param name="Client">The client's address and port; empty when unknown (a unix socket).</param>
/// <param name="RunningFor">Time since the request started.</param>
internal sealed record OldestRequest(string Method, string Path, string Query, string Client, TimeSpan RunningFor)
{
    /// <summary>The text a worker publishes in its slot was being rewritten on every try of the reader.</summary>
    public const string Changing = "(changing)";

    /// <summary>From a slot's request line, <c>METHOD path?query</c>, and its client and start.</summary>
    public static OldestRequest? From(string requestLine, string client, long startMs, long nowMs, bool textConsistent)
    {
        if (startMs <= 0)
        {
            return null;
        }

        var runningFor = TimeSpan.FromMilliseconds(Math.Max(0, nowMs - startMs));
        if (!textConsistent)
        {
            return new OldestRequest("", Changing, "", "", runningFor);
        }

        var space = requestLine.IndexOf(' ', StringComparison.Ordinal);
        var method = space < 0 ? requestLine : requestLine[..space];
        var target = space < 0 ? "" : requestLine[(space + 1)..];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? "" : QueryRedaction.Query(target[(question + 1)..]);
        return new OldestRequest(method, path, query, client, runningFor);
    }

    /// <summary><c>GET /path?query</c>, as the logs show it.</summary>
    public string Line => Query.Length > 0 ? $"{Method} {Path}?{Query}" : $"{Method} {Path}".Trim();
}
