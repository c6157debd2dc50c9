using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace LoadClient;

/// <summary>
/// Reads one response at a time from a blocking socket through a buffer it keeps for the client's whole run.
/// Bodies are read and dropped; what is kept is the status, whether the connection must close, and how many
/// bytes arrived, which tells a server closing an idle connection from one failing a request.
/// </summary>
internal sealed class ResponseReader
{
    // Holds any reasonable response head; a body streams through it.
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly long _timeoutTicks;
    private Socket? _socket;
    private int _appliedTimeoutMs;
    private long _deadline;
    private int _start;
    private int _end;
    private ReadStatus _failure;

    public ResponseReader(TimeSpan timeout)
    {
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public int StatusCode { get; private set; }

    public bool MustClose { get; private set; }

    /// <summary>Bytes of the current response received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>The socket's error when the connection ended early; Success when the server closed it in order.</summary>
    public SocketError SocketError { get; private set; }

    /// <summary>What was wrong with a malformed response.</summary>
    public string Problem { get; private set; } = "";

    /// <summary>Reads from a new connection, whose receive timeout is <paramref name="timeoutMs"/>.</summary>
    public void Attach(Socket socket, int timeoutMs)
    {
        _socket = socket;
        _appliedTimeoutMs = timeoutMs;
    }

    /// <summary>Reads the response to a request sent at <paramref name="sentAt"/> (a Stopwatch timestamp).</summary>
    public ReadStatus Read(long sentAt)
    {
        _deadline = sentAt + _timeoutTicks;
        _start = _end = 0;
        StatusCode = 0;
        MustClose = false;
        BytesReceived = 0;
        SocketError = SocketError.Success;
        if (!ReadHead(out var head))
        {
            return _failure;
        }

        StatusCode = head.StatusCode;
        MustClose = head.Close;
        if (!ReadBody(head))
        {
            return _failure;
        }

        // Bytes past the response were never asked for (requests are not pipelined): the connection is out of step.
        MustClose |= _end > _start;
        return ReadStatus.Complete;
    }

    private bool ReadHead(out ResponseHead head)
    {
        head = default;
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                if (!ResponseHeadParser.TryParse(_buffer.AsSpan(_start, end), out head))
                {
                    return Malformed("the status line or a header is not HTTP/1.x");
                }

                _start += end + 4;
                return true;
            }

            if (!Fill())
            {
                return false;
            }
        }
    }

    private bool ReadBody(ResponseHead head) => head.Framing switch
    {
        BodyFraming.None => true,
        BodyFraming.ContentLength => Skip(head.ContentLength),
        BodyFraming.Chunked => SkipChunks(),
        _ => SkipToClose(),
    };

    private bool Skip(long count)
    {
        while (true)
        {
            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
            if (count == 0)
            {
                return true;
            }

            if (!Fill())
            {
                return false;
            }
        }
    }

    private bool SkipChunks()
    {
        while (true)
        {
            if (!TryReadLine(out var line))
            {
                return false;
            }

            var extension = line.IndexOf((byte)';');
            var digits = extension < 0 ? line : line[..extension];
            if (!long.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return Malformed("a chunk size is not a hexadecimal number");
            }

            if (size == 0)
            {
                return SkipTrailers();
            }

            if (!Skip(size) || !TryReadLine(out var after))
            {
                return false;
            }

            if (!after.IsEmpty)
            {
                return Malformed("a chunk is longer than its size");
            }
        }
    }

    private bool SkipTrailers()
    {
        while (true)
        {
            if (!TryReadLine(out var line))
            {
                return false;
            }

            if (line.IsEmpty)
            {
                return true;
            }
        }
    }

    private bool SkipToClose()
    {
        while (true)
        {
            _start = _end;
            if (!Fill())
            {
                // The end of the stream is the end of such a body; a reset is not.
                return _failure == ReadStatus.Closed && SocketError == SocketError.Success;
            }
        }
    }

    /// <summary>The next line without its CRLF, consumed; the span is valid until the next read.</summary>
    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                line = _buffer.AsSpan(_start, end);
                _start += end + 2;
                return true;
            }

            if (!Fill())
            {
                line = default;
                return false;
            }
        }
    }

    /// <summary>Receives more bytes after those not yet consumed.</summary>
    private bool Fill()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                return Malformed($"a head or chunk line is longer than {BufferSize} bytes");
            }

            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var received = Receive(_buffer.AsSpan(_end));
        _end += received;
        return received > 0;
    }

    private int Receive(Span<byte> into)
    {
        var left = _deadline - Stopwatch.GetTimestamp();
        if (left <= 0)
        {
            _failure = ReadStatus.TimedOut;
            return 0;
        }

        // The kernel's receive timeout is changed only when it is off by more than a millisecond from what is
        // left, so a response that arrives promptly costs no extra system call.
        var leftMs = (int)Math.Ceiling(left * 1000.0 / Stopwatch.Frequency);
        if (_appliedTimeoutMs < leftMs || _appliedTimeoutMs > leftMs + 1)
        {
            _socket!.ReceiveTimeout = leftMs;
            _appliedTimeoutMs = leftMs;
        }

        var received = _socket!.Receive(into, SocketFlags.None, out var error);
        if (error != SocketError.Success || received == 0)
        {
            SocketError = error;
            _failure = error is SocketError.TimedOut or SocketError.WouldBlock ? ReadStatus.TimedOut : ReadStatus.Closed;
            return 0;
        }

        BytesReceived += received;
        return received;
    }

    private bool Malformed(string problem)
    {
        Problem = problem;
        _failure = ReadStatus.Malformed;
        return false;
    }
}
