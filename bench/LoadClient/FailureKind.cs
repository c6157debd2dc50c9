namespace LoadClient;

/// <summary>Why an attempt failed; the names are the keys of the result line.</summary>
internal enum FailureKind
{
    /// <summary>The connection could not be opened: refused, failed or timed out.</summary>
    Connect,

    /// <summary>Reset or closed after the request, on a fresh connection or after part of the response.</summary>
    Reset,

    /// <summary>A complete response whose status is not 2xx.</summary>
    Status,

    /// <summary>No complete response within --timeout.</summary>
    Timeout,

    /// <summary>Anything else, such as a response that is not HTTP/1.x.</summary>
    Other,
}
