namespace Supervisor.Worker.Protocol;

/// <summary>
/// The one definition of the scoreboard file: a 64-byte header, then <c>SlotCount</c> slots of
/// <see cref="SlotSize"/> bytes, numbered from <c>FirstSlot</c>. Counters are 8-byte aligned longs so that
/// <c>Interlocked</c> and <c>Volatile</c> on the mapped memory are atomic across processes. docs/protocol.md
/// mirrors this.
/// </summary>
/// <remarks>
/// The master gives each worker a file of its own holding its one slot (<c>FirstSlot</c> = its slot number,
/// <c>SlotCount</c> = 1): a worker can resize or garble only its own file, and the master reads it with pread,
/// never through a mapping a truncation would turn into SIGBUS.
/// </remarks>
internal static class ScoreboardLayout
{
    /// <summary>"SVSB" read as a little-endian int.</summary>
    public const int Magic = 0x42535653;

    // 2: the header names the first slot the file holds (one file per worker).
    // 3: 512-byte slots, which count completed requests by status class and by duration.
    public const int Version = 3;

    public const int HeaderSize = 64;

    // Header fields (ints).
    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int SlotCountOffset = 8;
    public const int SlotSizeOffset = 12;
    public const int FirstSlotOffset = 16;

    // Eight cache lines: room for the request tally, and a slot never shares a line with its neighbour's hot counters.
    public const int SlotSize = 512;

    // Slot fields (longs), offsets from the start of the slot.
    public const int StateOffset = 0;
    public const int PidOffset = 8;
    public const int GenerationOffset = 16;
    public const int HeartbeatOffset = 24;
    public const int RequestsServedOffset = 32;
    public const int RequestsInFlightOffset = 40;
    public const int OldestStartOffset = 48;
    public const int TextSequenceOffset = 56;

    // Text fields, UTF-8, NUL-padded; guarded by the sequence counter together with OldestStart.
    public const int ClientAddressOffset = 64;
    public const int ClientAddressSize = 48;
    public const int RequestLineOffset = ClientAddressOffset + ClientAddressSize;
    public const int RequestLineSize = 128;

    /// <summary>Connections the worker accepted and has not closed yet (a long, after the text fields).</summary>
    public const int ConnectionsOpenOffset = RequestLineOffset + RequestLineSize;

    /// <summary>
    /// The request tally (<see cref="RequestTally"/>): <see cref="RequestTally.Length"/> longs from here, on cache
    /// lines of their own after 8 reserved bytes: completed requests by status class 1xx to 5xx, then by duration
    /// bucket (<see cref="DurationBuckets"/>), then their total duration in microseconds.
    /// </summary>
    public const int RequestTallyOffset = 256;

    /// <summary>First byte after the last field; the rest of the slot is reserved and zero.</summary>
    public const int UsedSize = RequestTallyOffset + (RequestTally.Length * 8);

    /// <summary>Largest slot count a scoreboard may hold; far above any sane worker count.</summary>
    public const int MaxSlots = 4096;

    public static long FileSize(int slotCount) => HeaderSize + ((long)slotCount * SlotSize);

    /// <summary>Where a slot starts, counted from the first slot the file holds.</summary>
    public static long SlotStart(int index) => HeaderSize + ((long)index * SlotSize);
}
