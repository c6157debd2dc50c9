using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Requests;

/// <summary>
/// The worker's running requests in start order, so the oldest is always the head. The slot shows the oldest to
/// the master, which names a stuck request with it (timeout, slow requests, status).
/// </summary>
/// <remarks>
/// A linked list under one short lock: add at the tail and unlink are O(1). The slot is written on the heartbeat
/// (<see cref="PublishOldest"/>), not per request: under load with short requests the head changes at almost every
/// request, and formatting and writing it each time cost 1.5% of a busy worker's CPU. A request therefore shows in
/// the slot at most one beat after it became the oldest, with its true start; and the slot never shows one that has
/// ended, since the end of the request on show writes its successor at once.
/// </remarks>
internal sealed class InFlightRequests
{
    private readonly SlotWriter _slot;
    private readonly object _lock = new();
    private InFlightRequest? _head;
    private InFlightRequest? _tail;
    private InFlightRequest? _shown;

    public InFlightRequests(SlotWriter slot) => _slot = slot;

    public InFlightRequest? Oldest
    {
        get
        {
            lock (_lock)
            {
                return _head;
            }
        }
    }

    public void Enter(InFlightRequest request)
    {
        _slot.RequestStarted();
        lock (_lock)
        {
            request.Previous = _tail;
            if (_tail is null)
            {
                _head = request;
            }
            else
            {
                _tail.Next = request;
            }

            _tail = request;
        }
    }

    /// <summary>Ends a request that ended with <paramref name="status"/> after <paramref name="durationMicros"/>.</summary>
    public void Exit(InFlightRequest request, int status, long durationMicros)
    {
        lock (_lock)
        {
            if (request.Previous is null)
            {
                _head = request.Next;
                if (ReferenceEquals(request, _shown))
                {
                    Publish(_head);
                }
            }
            else
            {
                request.Previous.Next = request.Next;
            }

            if (request.Next is null)
            {
                _tail = request.Previous;
            }
            else
            {
                request.Next.Previous = request.Previous;
            }

            request.Previous = null;
            request.Next = null;
        }

        _slot.RequestFinished(status, durationMicros);
    }

    /// <summary>Shows the oldest running request in the slot if it is not the one shown; the heartbeat calls it.</summary>
    public void PublishOldest()
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_head, _shown))
            {
                Publish(_head);
            }
        }
    }

    private void Publish(InFlightRequest? oldest)
    {
        _shown = oldest;
        if (oldest is null)
        {
            _slot.PublishOldest(0, [], []);
            return;
        }

        // Chars are at least one UTF-8 byte each, so a field's size in chars holds all that can fit.
        Span<char> client = stackalloc char[ScoreboardLayout.ClientAddressSize];
        Span<char> line = stackalloc char[ScoreboardLayout.RequestLineSize];
        _slot.PublishOldest(oldest.Start, client[..FormatClient(oldest, client)], line[..FormatLine(oldest, line)]);
    }

    private static int FormatClient(InFlightRequest request, Span<char> buffer)
    {
        if (request.RemoteAddress is null || !request.RemoteAddress.TryFormat(buffer, out var written))
        {
            return 0;
        }

        return Append(buffer, written, ":") is var withColon && request.RemotePort.TryFormat(buffer[withColon..], out var port)
            ? withColon + port
            : written;
    }

    private static int FormatLine(InFlightRequest request, Span<char> buffer)
    {
        var written = Append(buffer, 0, request.Method);
        written = Append(buffer, written, " ");
        written = Append(buffer, written, request.Path);
        return Append(buffer, written, request.Query);
    }

    private static int Append(Span<char> buffer, int written, string text)
    {
        var count = Math.Min(text.Length, buffer.Length - written);
        text.AsSpan(0, count).CopyTo(buffer[written..]);
        return written + count;
    }
}
