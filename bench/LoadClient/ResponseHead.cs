namespace LoadClient;

/// <summary>What the client needs from a response's status line and headers.</summary>
/// <param name="Close">The connection ends after this response (Connection: close, HTTP/1.0, or a body read to the end).</param>
internal readonly record struct ResponseHead(int StatusCode, BodyFraming Framing, long ContentLength, bool Close);
