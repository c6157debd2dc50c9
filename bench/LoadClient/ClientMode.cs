namespace LoadClient;

/// <summary>How a client uses its connections.</summary>
internal enum ClientMode
{
    /// <summary>A new connection for every request, sent with <c>Connection: close</c>.</summary>
    Close,

    /// <summary>One connection per client, reused for request after request.</summary>
    KeepAlive,
}
