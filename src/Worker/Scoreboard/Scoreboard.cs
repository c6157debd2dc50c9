using System.IO.MemoryMappedFiles;
using System.Text;

namespace Supervisor.Worker.Scoreboard;

/// <summary>
/// The shared, memory-mapped scoreboard file laid out by <see cref="ScoreboardLayout"/>. The master
/// creates it and reads every slot; each worker opens it and writes only its own slot.
/// </summary>
/// <remarks>
/// A file, not a named map: named maps are not supported on Linux. Not thread-safe to dispose while
/// a <see cref="SlotWriter"/> or a reader is still using it.
/// </remarks>
internal sealed unsafe class Scoreboard : IDisposable
{
    // A writer holds the sequence odd for a few hundred nanoseconds; a reader that still sees it move
    // after this many tries reports the text as possibly torn rather than spin.
    private const int TextReadAttempts = 16;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _base;
    private bool _writable;

    private Scoreboard(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, int slotCount)
    {
        Path = path;
        _file = file;
        _view = view;
        SlotCount = slotCount;
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    public string Path { get; }

    public int SlotCount { get; }

    /// <summary>Creates (or truncates) the file at <paramref name="path"/> with all slots empty.</summary>
    public static Scoreboard Create(string path, int slotCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (slotCount < 1 || slotCount > ScoreboardLayout.MaxSlots)
        {
            throw new ArgumentOutOfRangeException(
                nameof(slotCount), slotCount, $"The slot count must be from 1 to {ScoreboardLayout.MaxSlots}.");
        }

        var options = new FileStreamOptions
        {
            // A fresh file, never one that is already there: in a world-writable folder such as /dev/shm a
            // planted file or link must not be truncated or written through.
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
        };
        if (!OperatingSystem.IsWindows())
        {
            // 0644: other users (a monitoring sidecar) may read the scoreboard; only the owner writes it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        File.Delete(path);
        var stream = new FileStream(path, options);
        stream.SetLength(ScoreboardLayout.FileSize(slotCount));
        var scoreboard = Map(path, stream, slotCount, writable: true);
        scoreboard.WriteHeader(slotCount);
        return scoreboard;
    }

    /// <summary>Opens an existing scoreboard and checks that it was written with this layout.</summary>
    public static Scoreboard Open(string path) => Open(path, writable: true);

    /// <summary>
    /// Opens an existing scoreboard to read its slots only (<see cref="OpenSlot"/> is then not allowed), which the
    /// file's mode (0644) lets any user do: status and metrics need no more.
    /// </summary>
    public static Scoreboard OpenForReading(string path) => Open(path, writable: false);

    private static Scoreboard Open(string path, bool writable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var access = writable ? FileAccess.ReadWrite : FileAccess.Read;
        var stream = new FileStream(path, FileMode.Open, access, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var slotCount = ReadAndCheckHeader(path, stream);
            return Map(path, stream, slotCount, writable);
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

        return new SlotSnapshot(
            State: (WorkerState)ReadLong(p, ScoreboardLayout.StateOffset),
            Pid: (int)ReadLong(p, ScoreboardLayout.PidOffset),
            Generation: ReadLong(p, ScoreboardLayout.GenerationOffset),
            Heartbeat: ReadLong(p, ScoreboardLayout.HeartbeatOffset),
            RequestsServed: ReadLong(p, ScoreboardLayout.RequestsServedOffset),
            RequestsInFlight: ReadLong(p, ScoreboardLayout.RequestsInFlightOffset),
            OldestStart: oldest,
            ClientAddress: DecodeText(client),
            RequestLine: DecodeText(line),
            TextConsistent: consistent,
            ConnectionsOpen: ReadLong(p, ScoreboardLayout.ConnectionsOpenOffset));
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
        if ((uint)slot >= (uint)SlotCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(slot), slot, $"The slot must be from 0 to {SlotCount - 1}: the scoreboard '{Path}' has {SlotCount} slots.");
        }

        return _base + ScoreboardLayout.SlotStart(slot);
    }

    private static Scoreboard Map(string path, FileStream stream, int slotCount, bool writable)
    {
        var access = writable ? MemoryMappedFileAccess.ReadWrite : MemoryMappedFileAccess.Read;
        var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, access, HandleInheritability.None, leaveOpen: false);
        var view = file.CreateViewAccessor(0, ScoreboardLayout.FileSize(slotCount), access);
        return new Scoreboard(path, file, view, slotCount) { _writable = writable };
    }

    private static int ReadAndCheckHeader(string path, FileStream stream)
    {
        Span<byte> header = stackalloc byte[ScoreboardLayout.HeaderSize];
        if (stream.Length < ScoreboardLayout.HeaderSize || stream.Read(header) < ScoreboardLayout.HeaderSize)
        {
            throw new InvalidDataException($"The scoreboard '{path}' is too short to hold a header.");
        }

        var magic = BitConverter.ToInt32(header[ScoreboardLayout.MagicOffset..]);
        var version = BitConverter.ToInt32(header[ScoreboardLayout.VersionOffset..]);
        var slotCount = BitConverter.ToInt32(header[ScoreboardLayout.SlotCountOffset..]);
        var slotSize = BitConverter.ToInt32(header[ScoreboardLayout.SlotSizeOffset..]);
        if (magic != ScoreboardLayout.Magic)
        {
            throw new InvalidDataException($"The file '{path}' is not a scoreboard (magic number 0x{magic:X8}, expected 0x{ScoreboardLayout.Magic:X8}).");
        }

        if (version != ScoreboardLayout.Version || slotSize != ScoreboardLayout.SlotSize)
        {
            throw new InvalidDataException(
                $"The scoreboard '{path}' has layout version {version} with {slotSize}-byte slots; this build reads version {ScoreboardLayout.Version} with {ScoreboardLayout.SlotSize}-byte slots.");
        }

        if (slotCount < 1 || slotCount > ScoreboardLayout.MaxSlots || stream.Length < ScoreboardLayout.FileSize(slotCount))
        {
            throw new InvalidDataException($"The scoreboard '{path}' claims {slotCount} slots but is {stream.Length} bytes long.");
        }

        return slotCount;
    }

    private static long ReadLong(byte* slot, int offset) => Volatile.Read(ref *(long*)(slot + offset));

    private static string DecodeText(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private void WriteHeader(int slotCount)
    {
        Volatile.Write(ref *(int*)(_base + ScoreboardLayout.VersionOffset), ScoreboardLayout.Version);
        Volatile.Write(ref *(int*)(_base + ScoreboardLayout.SlotCountOffset), slotCount);
        Volatile.Write(ref *(int*)(_base + ScoreboardLayout.SlotSizeOffset), ScoreboardLayout.SlotSize);
        // Magic last: a reader that sees it sees a complete header.
        Volatile.Write(ref *(int*)(_base + ScoreboardLayout.MagicOffset), ScoreboardLayout.Magic);
    }
}
