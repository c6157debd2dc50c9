using System.Net;

namespace Supervisor.Worker.Proxying;

/// <summary>The reading of a connection's first bytes.</summary>
/// <param name="Kind">What they are.</param>
/// <param name="Length">For a header found, its length in bytes, CRLF and TLVs included: what to consume.</param>
/// <param name="Client">For a header found, the client it carries; null when it carries none (v1 UNKNOWN, v2 LOCAL
/// or UNSPEC), so the peer's own address stands.</param>
/// <param name="Problem">For an invalid header, what is wrong, in Gunicorn's words.</param>
internal readonly record struct ProxyHeader(ProxyHeaderKind Kind, int Length = 0, IPEndPoint? Client = null, string? Problem = null)
{
    public static ProxyHeader Incomplete => new(ProxyHeaderKind.Incomplete);

    public static ProxyHeader Absent => new(ProxyHeaderKind.Absent);

    public static ProxyHeader Invalid(string problem) => new(ProxyHeaderKind.Invalid, Problem: problem);
}
