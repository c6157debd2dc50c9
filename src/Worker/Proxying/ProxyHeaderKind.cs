namespace Supervisor.Worker.Proxying;

/// <summary>What the first bytes of a connection are, as far as they go.</summary>
internal enum ProxyHeaderKind
{
    /// <summary>They could still be a header: read more.</summary>
    Incomplete,

    /// <summary>They are not a header: a plain connection, served as it is.</summary>
    Absent,

    /// <summary>A whole, valid header.</summary>
    Found,

    /// <summary>A header that is malformed, unsupported or too long.</summary>
    Invalid,
}
