using System.IO.MemoryMappedFiles;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Scoreboard;

/// <summary>
/// A memory-mapped scoreboard file laid out by <see cref="ScoreboardLayout"/>: how a worker writes its slot.
/// The master creates one file per worker and never maps it (it reads with <see cref="ScoreboardFile.Read"/>).
/// </summary>
/// <remarks>
/// A file, not a named map: named maps are not supported on Linux. A mapping of a file that another process
/// truncates faults (SIGBUS) on access, so only a process that may die of that maps a file others can write.
/// Not thread-safe to dispose while a <see cref="SlotWriter"/> or a reader is still using it.
/// </remarks>
internal sealed unsafe class Scoreboard : IDisposable
{
    // As ScoreboardFile's reader: a few hundred nanoseconds odd at most, so this many tries, then "possibly torn".
    private const int TextReadAttempts = 16;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _base;
    private bool _writable;

    private Scoreboard(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, int firstSlot, int slotCount)
    {
        Path = path;
        FirstSlot = firstSlot;
        _file = file;
        _view = view;
        SlotCount = slotCount;
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    public string Path { get; }

    /// <summary>The number of the file's first slot: 0 for a whole board, the worker's slot for a file of its own.</summary>
    public int FirstSlot { get; }

    public int SlotCount { get; }

    /// <summary>
    /// Creates a new file at <paramref name="path"/> (mode 0600; the path must not exist) with all slots empty,
    /// numbered from <paramref name="firstSlot"/>.
    /// </summary>
    public static Scoreboard Create(string path, int slotCount, int firstSlot = 0)
    {
        var stream = ScoreboardFile.CreateNew(path, firstSlot, slotCount);
        return Map(path, stream, firstSlot, slotCount, writable: true);
    }

    /// <summary>Opens an existing scoreboard and checks that it was written with this layout.</summary>
    public static Scoreboard Open(string path) => Open(path, writable: true);

    /// <summary>
    /// Opens an existing scoreboard to read its slots only (<see cref="OpenSlot"/> is then not allowed). Only for a
    /// file no one else can resize: a reader that cannot trust the writers reads with <see cref="ScoreboardFile.Read"/>.
    /// </summary>
    public static Scoreboard OpenForReading(string path) => Open(path, writable: false);

    private static Scoreboard Open(string path, bool writable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var access = writable ? FileAccess.ReadWrite : FileAccess.Read;
        var stream = new FileStream(path, FileMode.Open, access, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            Span<byte> header = stackalloc byte[ScoreboardLayout.HeaderSize];
            var read = stream.Read(header);
            var (first, count) = ScoreboardHeader.Check(path, header[..read], stream.Length);
            return Map(path, stream, first, count, writable);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>A writer for one slot; the worker that owns the slot is its only writer.</summary>
    /// <param name="wake">Nudged when the slot becomes READY or RETIRING; null when the master gave no wake pipe.</param>
    public SlotWriter OpenSlot(int slot, MasterWake? wake = null) => _writable
        ? new(this, SlotPointer(slot), wake)
        : throw new InvalidOperationException($"The scoreboard '{Path}' was opened for reading only.");

    /// <summary>
    /// Reads every field of a slot. Counters are each read atomically; the oldest request's start,
    /// client address and request line are read together under the slot's sequence counter.
    /// </summary>
    public SlotSnapshot ReadSlot(int slot)
    {
        var p = SlotPointer(slot);
        Span<byte> client = stackalloc byte[ScoreboardLayout.ClientAddressSize];
        Span<byte> line = stackalloc byte[ScoreboardLayout.RequestLineSize];
        long oldest = 0;
        var consistent = false;
        ref var sequence = ref *(long*)(p + ScoreboardLayout.TextSequenceOffset);
        for (var attempt = 0; attempt < TextReadAttempts && !consistent; attempt++)
        {
            var before = Volatile.Read(ref sequence);
            oldest = Volatile.Read(ref *(long*)(p + ScoreboardLayout.OldestStartOffset));
            new ReadOnlySpan<byte>(p + ScoreboardLayout.ClientAddressOffset, client.Length).CopyTo(client);
            new ReadOnlySpan<byte>(p + ScoreboardLayout.RequestLineOffset, line.Length).CopyTo(line);
            Interlocked.MemoryBarrier();
            consistent = (before & 1) == 0 && before == Volatile.Read(ref sequence);
            if (!consistent)
            {
                Thread.SpinWait(20);
            }
        }

        return SlotDecoder.Build(
            ReadLong(p, ScoreboardLayout.StateOffset), ReadLong(p, ScoreboardLayout.PidOffset), ReadLong(p, ScoreboardLayout.GenerationOffset),
            ReadLong(p, ScoreboardLayout.HeartbeatOffset), ReadLong(p, ScoreboardLayout.RequestsServedOffset),
            ReadLong(p, ScoreboardLayout.RequestsInFlightOffset), oldest, client, line, consistent,
            ReadLong(p, ScoreboardLayout.ConnectionsOpenOffset), ReadTally(p));
    }

    public void Dispose()
    {
        if (_base == null)
        {
            return;
        }

        _base = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    internal byte* SlotPointer(int slot)
    {
        ObjectDisposedException.ThrowIf(_base == null, this);
        if (slot < FirstSlot || slot - FirstSlot >= SlotCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(slot), slot, $"The slot must be from {FirstSlot} to {FirstSlot + SlotCount - 1}: the scoreboard '{Path}' has {SlotCount} slots.");
        }

        return _base + ScoreboardLayout.SlotStart(slot - FirstSlot);
    }

    private static Scoreboard Map(string path, FileStream stream, int firstSlot, int slotCount, bool writable)
    {
        var access = writable ? MemoryMappedFileAccess.ReadWrite : MemoryMappedFileAccess.Read;
        var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, access, HandleInheritability.None, leaveOpen: false);
        var view = file.CreateViewAccessor(0, ScoreboardLayout.FileSize(slotCount), access);
        return new Scoreboard(path, file, view, firstSlot, slotCount) { _writable = writable };
    }

    private static long ReadLong(byte* slot, int offset) => Volatile.Read(ref *(long*)(slot + offset));

    private static RequestTally ReadTally(byte* slot)
    {
        var values = new long[RequestTally.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadLong(slot, ScoreboardLayout.RequestTallyOffset + (i * 8));
        }

        return new RequestTally(values);
    }
}
