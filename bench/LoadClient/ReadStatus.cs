namespace LoadClient;

/// <summary>How reading one response ended.</summary>
internal enum ReadStatus
{
    /// <summary>A whole response arrived.</summary>
    Complete,

    /// <summary>The server closed or reset the connection first.</summary>
    Closed,

    /// <summary>No whole response before the deadline.</summary>
    TimedOut,

    /// <summary>The bytes are not an HTTP/1.x response.</summary>
    Malformed,
}
