using System.Buffers.Binary;

namespace Supervisor.Worker.Protocol;

/// <summary>Writes and checks the 64-byte header of a scoreboard file (<see cref="ScoreboardLayout"/>).</summary>
internal static class ScoreboardHeader
{
    /// <summary>Fills a zeroed header; the magic number goes last, so a reader that sees it sees the rest.</summary>
    public static void Write(Span<byte> header, int firstSlot, int slotCount)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header[ScoreboardLayout.VersionOffset..], ScoreboardLayout.Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[ScoreboardLayout.SlotCountOffset..], slotCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[ScoreboardLayout.SlotSizeOffset..], ScoreboardLayout.SlotSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[ScoreboardLayout.FirstSlotOffset..], firstSlot);
        BinaryPrimitives.WriteInt32LittleEndian(header[ScoreboardLayout.MagicOffset..], ScoreboardLayout.Magic);
    }

    /// <summary>The slots a file of <paramref name="length"/> bytes holds, or an exception that says what is wrong.</summary>
    /// <exception cref="InvalidDataException">The header is not this build's, or the file is not as long as it claims.</exception>
    public static (int First, int Count) Check(string path, ReadOnlySpan<byte> header, long length)
    {
        if (length < ScoreboardLayout.HeaderSize || header.Length < ScoreboardLayout.HeaderSize)
        {
            throw new InvalidDataException($"The scoreboard '{path}' is too short to hold a header.");
        }

        var magic = BinaryPrimitives.ReadInt32LittleEndian(header[ScoreboardLayout.MagicOffset..]);
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[ScoreboardLayout.VersionOffset..]);
        var slotCount = BinaryPrimitives.ReadInt32LittleEndian(header[ScoreboardLayout.SlotCountOffset..]);
        var slotSize = BinaryPrimitives.ReadInt32LittleEndian(header[ScoreboardLayout.SlotSizeOffset..]);
        var firstSlot = BinaryPrimitives.ReadInt32LittleEndian(header[ScoreboardLayout.FirstSlotOffset..]);
        if (magic != ScoreboardLayout.Magic)
        {
            throw new InvalidDataException($"The file '{path}' is not a scoreboard (magic number 0x{magic:X8}, expected 0x{ScoreboardLayout.Magic:X8}).");
        }

        if (version != ScoreboardLayout.Version || slotSize != ScoreboardLayout.SlotSize)
        {
            throw new InvalidDataException(
                $"The scoreboard '{path}' has layout version {version} with {slotSize}-byte slots; this build reads version {ScoreboardLayout.Version} with {ScoreboardLayout.SlotSize}-byte slots.");
        }

        if (slotCount < 1 || firstSlot < 0 || (long)firstSlot + slotCount > ScoreboardLayout.MaxSlots || length < ScoreboardLayout.FileSize(slotCount))
        {
            throw new InvalidDataException($"The scoreboard '{path}' claims {slotCount} slots from slot {firstSlot} but is {length} bytes long.");
        }

        return (firstSlot, slotCount);
    }
}
