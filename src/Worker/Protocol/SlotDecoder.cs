using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// Turns a slot's raw fields into a <see cref="SlotSnapshot"/>, the one way every reader does: a worker writes its
/// slot and may write anything, so a value no worker could have written is reported in <see cref="SlotSnapshot.Damage"/>
/// rather than passed on, and text is made safe to log.
/// </summary>
internal static class SlotDecoder
{
    // More than any process could hold open; a count past it is not a count.
    private const long MaxCount = 1L << 40;

    /// <summary>Reads a copy of a whole slot (<see cref="ScoreboardLayout.SlotSize"/> bytes, little-endian).</summary>
    public static SlotSnapshot Decode(ReadOnlySpan<byte> slot, bool textConsistent)
    {
        return Build(
            Field(slot, ScoreboardLayout.StateOffset), Field(slot, ScoreboardLayout.PidOffset), Field(slot, ScoreboardLayout.GenerationOffset),
            Field(slot, ScoreboardLayout.HeartbeatOffset), Field(slot, ScoreboardLayout.RequestsServedOffset),
            Field(slot, ScoreboardLayout.RequestsInFlightOffset), Field(slot, ScoreboardLayout.OldestStartOffset),
            slot.Slice(ScoreboardLayout.ClientAddressOffset, ScoreboardLayout.ClientAddressSize),
            slot.Slice(ScoreboardLayout.RequestLineOffset, ScoreboardLayout.RequestLineSize),
            textConsistent, Field(slot, ScoreboardLayout.ConnectionsOpenOffset), RequestTally.Read(slot));
    }

    public static SlotSnapshot Build(long state, long pid, long generation, long heartbeat, long served, long inFlight, long oldestStart,
        ReadOnlySpan<byte> client, ReadOnlySpan<byte> line, bool textConsistent, long connections, RequestTally requests = default)
    {
        var damage = Problem(state, pid, generation, heartbeat, served, inFlight, oldestStart, connections) ?? requests.Problem();
        if (damage is not null)
        {
            // Nothing in a damaged slot is passed on: a reader that misses the damage still sees an empty slot.
            return Damaged(damage);
        }

        return new SlotSnapshot((WorkerState)state, (int)pid, generation, heartbeat, served, inFlight, oldestStart,
            Text(client), Text(line), textConsistent, connections, Requests: requests);
    }

    private static long Field(ReadOnlySpan<byte> slot, int offset) => BinaryPrimitives.ReadInt64LittleEndian(slot[offset..]);

    /// <summary>An empty slot that carries why it could not be read.</summary>
    public static SlotSnapshot Damaged(string damage) => new(WorkerState.Empty, 0, 0, 0, 0, 0, 0, "", "", false, 0, damage);

    /// <summary>
    /// NUL-padded UTF-8 to text for logs: a byte sequence that is not UTF-8 becomes U+FFFD, and a control character
    /// (a decoded path may hold one, as may a forged slot) is written as \xNN so that it cannot start a log line.
    /// </summary>
    public static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1f') && !text.Contains('\x7f', StringComparison.Ordinal))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(char.IsControl(c) && c < 0x80 ? $"\\x{(int)c:X2}" : c.ToString());
        }

        return escaped.ToString();
    }

    private static string? Problem(long state, long pid, long generation, long heartbeat, long served, long inFlight, long oldestStart, long connections)
    {
        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        if (state < (long)WorkerState.Empty || state > (long)WorkerState.Stopping)
        {
            return $"state {N(state)} is not a worker state";
        }

        if (pid < 0 || pid > int.MaxValue)
        {
            return $"pid {N(pid)} is not a process id";
        }

        if (generation < 0 || heartbeat < 0 || oldestStart < 0)
        {
            return $"a negative generation or time (generation {N(generation)}, heartbeat {N(heartbeat)}, oldest request {N(oldestStart)})";
        }

        if (served is < 0 or > MaxCount || inFlight is < 0 or > MaxCount || connections is < 0 or > MaxCount)
        {
            return $"counters out of range (served {N(served)}, in flight {N(inFlight)}, connections {N(connections)})";
        }

        return null;
    }
}
