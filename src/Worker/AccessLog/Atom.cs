namespace Supervisor.Worker.AccessLog;

/// <summary>What one part of a compiled access log format writes: literal text or one of Gunicorn's atoms.</summary>
internal enum Atom
{
    /// <summary>Text copied as it is (including a "%%" turned into "%", and malformed sequences).</summary>
    Literal,

    /// <summary>h: the client's address.</summary>
    RemoteAddress,

    /// <summary>l: always "-" (Apache's remote logname, which nobody sends).</summary>
    Dash,

    /// <summary>u: the authenticated user, else the basic-auth user.</summary>
    User,

    /// <summary>t: when the request started, as <c>[25/Nov/2026:10:00:00 +0000]</c>.</summary>
    Time,

    /// <summary>r: <c>GET /path?q=1 HTTP/1.1</c>, with the target as the client sent it.</summary>
    RequestLine,

    /// <summary>m.</summary>
    Method,

    /// <summary>U: the path without the query.</summary>
    Path,

    /// <summary>q: the query string without "?".</summary>
    Query,

    /// <summary>H.</summary>
    Protocol,

    /// <summary>s.</summary>
    Status,

    /// <summary>B: body bytes sent, 0 when none.</summary>
    Bytes,

    /// <summary>b: body bytes sent, "-" when none.</summary>
    BytesOrDash,

    /// <summary>f.</summary>
    Referer,

    /// <summary>a.</summary>
    UserAgent,

    /// <summary>T: request time in whole seconds.</summary>
    Seconds,

    /// <summary>M: in whole milliseconds.</summary>
    Milliseconds,

    /// <summary>D: in microseconds.</summary>
    Microseconds,

    /// <summary>L: in decimal seconds, <c>0.012345</c>.</summary>
    DecimalSeconds,

    /// <summary>p: <c>&lt;pid&gt;</c>.</summary>
    ProcessId,

    /// <summary>{Name}i.</summary>
    RequestHeader,

    /// <summary>{Name}o.</summary>
    ResponseHeader,

    /// <summary>{NAME}e: read once at start.</summary>
    Environment,

    /// <summary>A well-formed atom Gunicorn does not know: written as "-", as Gunicorn's SafeAtoms does.</summary>
    Unknown,
}
