using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// Stands in for the server's response body feature for one request and counts the body bytes the app
/// writes through it, whichever way it writes: the stream, the pipe writer or send-file. Content-Length alone
/// would miss chunked responses. It is the stream itself, so a request that writes through the stream costs one
/// object; the pipe writer wrapper is made when first asked for. Disposing it (an app's <c>using</c> on
/// Response.Body) leaves the server's stream alone, as disposing the server's own stream does.
/// </summary>
/// <remarks>
/// Not pooled: a wrapper reused by another request would let an app that keeps a reference to its old body
/// (a bug, but one Kestrel only confines to its own connection) write into another client's response.
/// </remarks>
internal sealed class CountingResponseBody : Stream, IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly Stream _innerStream;
    private CountingPipeWriter? _writer;
    private long _bytesWritten;

    public CountingResponseBody(IHttpResponseBodyFeature inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _innerStream = inner.Stream;
    }

    /// <summary>Bytes handed to the server so far: a write that fails midway still counts whole.</summary>
    public long BytesWritten => _bytesWritten;

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= new CountingPipeWriter(_inner.Writer, this);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        // The server sends the file past both wrappers, so it is counted here.
        _bytesWritten += count ?? new FileInfo(path).Length - offset;
        await _inner.SendFileAsync(path, offset, count, cancellationToken).ConfigureAwait(false);
    }

    public Task CompleteAsync() => _inner.CompleteAsync();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _bytesWritten += count;
        _innerStream.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _bytesWritten += buffer.Length;
        _innerStream.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        _bytesWritten++;
        _innerStream.WriteByte(value);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _bytesWritten += count;
        return _innerStream.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _bytesWritten += buffer.Length;
        return _innerStream.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _innerStream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _innerStream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    internal void Count(long bytes) => _bytesWritten += bytes;
}
