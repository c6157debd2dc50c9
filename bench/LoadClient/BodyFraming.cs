namespace LoadClient;

/// <summary>How a response's body ends (RFC 9112, section 6.3).</summary>
internal enum BodyFraming
{
    /// <summary>No body: 1xx, 204 and 304 responses.</summary>
    None,

    /// <summary>Exactly Content-Length bytes.</summary>
    ContentLength,

    /// <summary>Transfer-Encoding: chunked, ended by a zero-size chunk and the trailers.</summary>
    Chunked,

    /// <summary>Neither length nor chunks: the body runs until the server closes the connection.</summary>
    UntilClose,
}
