using System.Text.Unicode;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Scoreboard;

/// <summary>
/// Writes one worker's own slot. Counters use <c>Volatile</c>/<c>Interlocked</c> so the master never
/// sees a torn value; the oldest request's start and text fields are written under a seqlock.
/// </summary>
internal sealed unsafe class SlotWriter
{
    // Keeps the mapping alive for as long as this writer's pointer is in use.
    private readonly Scoreboard _scoreboard;
    private readonly byte* _slot;
    private readonly MasterWake? _wake;

    private const int TallyBucketOffset = ScoreboardLayout.RequestTallyOffset + (RequestTally.StatusClasses * 8);
    private const int TallySumOffset = ScoreboardLayout.RequestTallyOffset + ((RequestTally.Length - 1) * 8);

    // The seqlock needs one writer at a time; request threads publish concurrently.
    private readonly object _textLock = new();

    internal SlotWriter(Scoreboard scoreboard, byte* slot, MasterWake? wake)
    {
        _scoreboard = scoreboard;
        _slot = slot;
        _wake = wake;
    }

    public WorkerState State
    {
        get => (WorkerState)Volatile.Read(ref Field(ScoreboardLayout.StateOffset));
        set
        {
            Volatile.Write(ref Field(ScoreboardLayout.StateOffset), (long)value);
            WakeMasterFor(value);
        }
    }

    /// <summary>Moves the state from <paramref name="expected"/> to <paramref name="next"/> unless something else changed it first.</summary>
    public bool TryAdvance(WorkerState expected, WorkerState next)
    {
        if (Interlocked.CompareExchange(ref Field(ScoreboardLayout.StateOffset), (long)next, (long)expected) != (long)expected)
        {
            return false;
        }

        WakeMasterFor(next);
        return true;
    }

    /// <summary>Takes the slot over for a new process: clears what a previous owner left, then marks it BOOTING.</summary>
    public void Claim(int pid, long generation, long now)
    {
        // State before pid: the master trusts a slot's state only once the pid is its worker's, so the
        // previous owner's READY or RETIRING must be gone before the new pid appears.
        State = WorkerState.Booting;
        Volatile.Write(ref Field(ScoreboardLayout.PidOffset), pid);
        Volatile.Write(ref Field(ScoreboardLayout.GenerationOffset), generation);
        Volatile.Write(ref Field(ScoreboardLayout.RequestsServedOffset), 0);
        Volatile.Write(ref Field(ScoreboardLayout.RequestsInFlightOffset), 0);
        Volatile.Write(ref Field(ScoreboardLayout.ConnectionsOpenOffset), 0);
        for (var i = 0; i < RequestTally.Length; i++)
        {
            Volatile.Write(ref Field(ScoreboardLayout.RequestTallyOffset + (i * 8)), 0);
        }

        PublishOldest(0, [], []);
        Volatile.Write(ref Field(ScoreboardLayout.HeartbeatOffset), now);
        State = WorkerState.Booting;
    }

    public void Heartbeat(long now) => Volatile.Write(ref Field(ScoreboardLayout.HeartbeatOffset), now);

    public void ConnectionOpened() => Interlocked.Increment(ref Field(ScoreboardLayout.ConnectionsOpenOffset));

    public void ConnectionClosed() => Interlocked.Decrement(ref Field(ScoreboardLayout.ConnectionsOpenOffset));

    public void RequestStarted() => Interlocked.Increment(ref Field(ScoreboardLayout.RequestsInFlightOffset));

    /// <summary>
    /// Counts a completed request: served, its status class (a status outside 100-599 counts in none), its duration
    /// bucket and the duration sum. Four atomic adds on the worker's own cache lines, no lock.
    /// </summary>
    public void RequestFinished(int status, long durationMicros)
    {
        Interlocked.Decrement(ref Field(ScoreboardLayout.RequestsInFlightOffset));
        var statusClass = status / 100;
        if (statusClass is >= 1 and <= RequestTally.StatusClasses)
        {
            Interlocked.Increment(ref Field(ScoreboardLayout.RequestTallyOffset + ((statusClass - 1) * 8)));
        }

        var micros = Math.Max(0, durationMicros);
        Interlocked.Increment(ref Field(TallyBucketOffset + (DurationBuckets.IndexOf(micros) * 8)));
        Interlocked.Add(ref Field(TallySumOffset), micros);
        Interlocked.Increment(ref Field(ScoreboardLayout.RequestsServedOffset));
    }

    /// <summary>
    /// Publishes the oldest in-flight request (start 0 and empty texts: none). Texts are UTF-8,
    /// truncated at a character boundary to their field and NUL-padded.
    /// </summary>
    public void PublishOldest(long start, ReadOnlySpan<char> clientAddress, ReadOnlySpan<char> requestLine)
    {
        lock (_textLock)
        {
            ref var sequence = ref Field(ScoreboardLayout.TextSequenceOffset);
            Interlocked.Increment(ref sequence);
            Volatile.Write(ref Field(ScoreboardLayout.OldestStartOffset), start);
            WriteText(ScoreboardLayout.ClientAddressOffset, ScoreboardLayout.ClientAddressSize, clientAddress);
            WriteText(ScoreboardLayout.RequestLineOffset, ScoreboardLayout.RequestLineSize, requestLine);
            Interlocked.Increment(ref sequence);
        }
    }

    /// <summary>
    /// READY ends a boot and RETIRING asks for a replacement: the master acts on both at once, so it is woken,
    /// after the state is written, so that the pass it wakes for reads the new state.
    /// </summary>
    private void WakeMasterFor(WorkerState state)
    {
        if (state is WorkerState.Ready or WorkerState.Retiring)
        {
            _wake?.Nudge();
        }
    }

    private ref long Field(int offset) => ref *(long*)(_slot + offset);

    private void WriteText(int offset, int size, ReadOnlySpan<char> text)
    {
        var field = new Span<byte>(_slot + offset, size);
        // DestinationTooSmall is the truncation we want: it stops before a character that does not fit.
        Utf8.FromUtf16(text, field, out _, out var written, replaceInvalidSequences: true, isFinalBlock: true);
        field[written..].Clear();
    }
}
