using System.Diagnostics;
using System.Net.Sockets;

namespace LoadClient;

/// <summary>
/// One client: a loop of attempts, one request at a time, on its own thread with blocking sockets. Each attempt
/// ends as ok, as a failure of one kind, or, on a kept-alive connection the server closed before answering, as
/// idle_closed: the case HTTP clients retry, so the next attempt sends the request again on a new connection.
/// </summary>
internal sealed class ClientLoop
{
    private readonly int _id;
    private readonly LoadSettings _settings;
    private readonly byte[] _request;
    private readonly AttemptLog? _log;
    private readonly ResponseReader _reader;
    private readonly int _timeoutMs;
    private Socket? _socket;
    private int _responses;

    public ClientLoop(int id, LoadSettings settings, byte[] request, AttemptLog? log)
    {
        _id = id;
        _settings = settings;
        _request = request;
        _log = log;
        _reader = new ResponseReader(settings.Timeout);
        _timeoutMs = Math.Max(1, (int)Math.Ceiling(settings.Timeout.TotalMilliseconds));
    }

    public ClientTally Tally { get; } = new();

    /// <summary>Attempts until <paramref name="endsAt"/> (a Stopwatch timestamp); the last one is let finish.</summary>
    public void Run(long endsAt)
    {
        try
        {
            while (Stopwatch.GetTimestamp() < endsAt)
            {
                Attempt();
            }
        }
        finally
        {
            Disconnect();
        }
    }

    private void Attempt()
    {
        var started = Stopwatch.GetTimestamp();
        if (_socket is not null && ClosedWhileIdle())
        {
            // Found before sending: nothing was lost, and the next attempt opens a new connection.
            Tally.IdleClosed++;
            Disconnect();
            _log?.IdleClosed(_id, $"found before sending, after {_responses} responses");
            return;
        }

        if (_socket is null && !TryConnect())
        {
            return;
        }

        Tally.Sent++;
        var sentAt = Stopwatch.GetTimestamp();
        var sendError = Send();
        if (sendError != SocketError.Success)
        {
            EndedEarly(0, sendError, "while sending the request");
            return;
        }

        switch (_reader.Read(sentAt))
        {
            case ReadStatus.Complete:
                Completed(started);
                break;
            case ReadStatus.Closed:
                EndedEarly(_reader.BytesReceived, _reader.SocketError, "after the request was sent");
                break;
            case ReadStatus.TimedOut:
                Failed(FailureKind.Timeout);
                _log?.Failure(_id, FailureKind.Timeout, $"no complete response within --timeout ({_reader.BytesReceived} bytes)");
                break;
            default:
                Failed(FailureKind.Other);
                _log?.Failure(_id, FailureKind.Other, _reader.Problem);
                break;
        }
    }

    /// <summary>
    /// A kept-alive connection the server closed while it was idle reads as ready with nothing to read (the end
    /// of the stream, or a reset). Bytes on an idle connection (a server's 408 before it closes) make it as unusable.
    /// </summary>
    private bool ClosedWhileIdle() => _socket!.Poll(0, SelectMode.SelectRead);

    private bool TryConnect()
    {
        var socket = new Socket(_settings.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            // On Linux the send timeout also bounds a blocking connect.
            SendTimeout = _timeoutMs,
            ReceiveTimeout = _timeoutMs,
        };
        try
        {
            socket.Connect(_settings.EndPoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            Failed(FailureKind.Connect);
            _log?.Failure(_id, FailureKind.Connect, $"{e.SocketErrorCode}: {e.Message}");
            return false;
        }

        _socket = socket;
        _responses = 0;
        _reader.Attach(socket, _timeoutMs);
        Tally.Connections++;
        return true;
    }

    private SocketError Send()
    {
        var sent = 0;
        while (sent < _request.Length)
        {
            var written = _socket!.Send(_request.AsSpan(sent), SocketFlags.None, out var error);
            if (error != SocketError.Success)
            {
                return error;
            }

            sent += written;
        }

        return SocketError.Success;
    }

    private void Completed(long started)
    {
        _responses++;
        if (_reader.StatusCode is >= 200 and < 300)
        {
            Tally.Ok++;
            Tally.Latencies.Add(Stopwatch.GetTimestamp() - started);
        }
        else
        {
            Tally.Fail(FailureKind.Status);
            _log?.Failure(_id, FailureKind.Status, $"status {_reader.StatusCode}");
        }

        if (_settings.Mode == ClientMode.Close || _reader.MustClose)
        {
            Disconnect();
        }
    }

    /// <summary>The connection ended (closed, reset, or timed out) before a whole response arrived.</summary>
    private void EndedEarly(long bytesReceived, SocketError error, string when)
    {
        if (_responses > 0 && bytesReceived == 0 && error is not (SocketError.TimedOut or SocketError.WouldBlock))
        {
            // A reused connection closed before any byte of the answer: the server dropped it while idle, racing
            // the request. A worker killed before answering looks the same from here; clients retry both alike.
            Tally.IdleClosed++;
            Disconnect();
            _log?.IdleClosed(_id, $"{(error == SocketError.Success ? "closed by the server" : error)} {when}, before any byte of the response, "
                + $"after {_responses} responses");
            return;
        }

        var kind = error is SocketError.TimedOut or SocketError.WouldBlock ? FailureKind.Timeout : FailureKind.Reset;
        Failed(kind);
        _log?.Failure(_id, kind, $"{(error == SocketError.Success ? "closed by the server" : error)} {when} "
            + $"({bytesReceived} bytes of the response, {(_responses == 0 ? "fresh" : "reused")} connection)");
    }

    /// <summary>Counts a failure; the connection is not used again.</summary>
    private void Failed(FailureKind kind)
    {
        Tally.Fail(kind);
        Disconnect();
    }

    private void Disconnect()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
