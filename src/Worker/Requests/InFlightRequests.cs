using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Requests;

/// <summary>
/// The worker's running requests in start order, so the oldest is always the head. Publishes the
/// oldest to the slot whenever the head changes; the master reads it to name a stuck request.
/// </summary>
/// <remarks>
/// A linked list under one short lock: add at the tail and unlink are O(1). The text is formatted
/// only when the head changes, which under load is rare (the head is the long-running request).
/// </remarks>
internal sealed class InFlightRequests
{
    private readonly SlotWriter _slot;
    private readonly object _lock = new();
    private InFlightRequest? _head;
    private InFlightRequest? _tail;

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
                Publish(request);
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
                Publish(_head);
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

    private void Publish(InFlightRequest? oldest)
    {
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
