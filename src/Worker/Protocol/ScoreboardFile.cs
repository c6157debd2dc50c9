using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// Creates scoreboard files, and reads a slot through a file descriptor with pread: the way a process reads a
/// scoreboard that someone else may truncate, enlarge or fill with garbage. A mapping of such a file would turn a
/// truncation into SIGBUS, which kills the reader; a short read here is only a damaged slot.
/// </summary>
internal static class ScoreboardFile
{
    // A writer holds the sequence odd for a few hundred nanoseconds; a reader that still sees it move
    // after this many tries reports the text as possibly torn rather than spin.
    private const int TextReadAttempts = 16;

    /// <summary>Only the owner reads and writes: the slots hold request lines, and query strings may hold tokens.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates a zero-filled scoreboard at <paramref name="path"/>, mode 0600 whatever the umask, and returns it
    /// open for reading and writing. The path must not exist: in a folder others can write, a planted file or link
    /// is refused, never truncated or written through. Read and write it through its <c>SafeFileHandle</c>.
    /// </summary>
    public static FileStream CreateNew(string path, int firstSlot, int slotCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (slotCount < 1 || firstSlot < 0 || (long)firstSlot + slotCount > ScoreboardLayout.MaxSlots)
        {
            throw new ArgumentOutOfRangeException(
                nameof(slotCount), slotCount, $"The slots must be within 0 to {ScoreboardLayout.MaxSlots - 1}.");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        // Created with the mode (never more than 0600, even for a moment), then given it exactly.
        var stream = new FileStream(path, options);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                // The umask may have taken bits away (0277 leaves 0400): set the mode the file must have.
                File.SetUnixFileMode(stream.SafeFileHandle, Mode);
            }

            var contents = new byte[ScoreboardLayout.FileSize(slotCount)];
            ScoreboardHeader.Write(contents, firstSlot, slotCount);
            RandomAccess.Write(stream.SafeFileHandle, contents, 0);
            return stream;
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Reads one slot with pread and checks everything: the file's size, its header, and every field. Whatever is
    /// wrong comes back as <see cref="SlotSnapshot.Damage"/>; nothing a writer of the file can do makes this throw.
    /// </summary>
    public static SlotSnapshot Read(SafeFileHandle handle, string path, int slot)
    {
        Span<byte> header = stackalloc byte[ScoreboardLayout.HeaderSize];
        Span<byte> bytes = stackalloc byte[ScoreboardLayout.SlotSize];
        try
        {
            var length = RandomAccess.GetLength(handle);
            var read = RandomAccess.Read(handle, header, 0);
            var (first, count) = ScoreboardHeader.Check(path, header[..read], length);
            if (length != ScoreboardLayout.FileSize(count))
            {
                return SlotDecoder.Damaged($"the file is {Text(length)} bytes long; a scoreboard of {Text(count)} slot(s) is {Text(ScoreboardLayout.FileSize(count))}");
            }

            if (slot < first || slot - first >= count)
            {
                return SlotDecoder.Damaged($"the file holds slots {Text(first)} to {Text(first + count - 1)}, not slot {Text(slot)}");
            }

            var start = ScoreboardLayout.SlotStart(slot - first);
            for (var attempt = 0; attempt < TextReadAttempts; attempt++)
            {
                // The sequence read before and after the copy brackets it, as a reader of the mapping does.
                var before = Sequence(handle, start);
                if (RandomAccess.Read(handle, bytes, start) < bytes.Length)
                {
                    return SlotDecoder.Damaged("the file was cut short while it was read");
                }

                var after = Sequence(handle, start);
                if ((before & 1) == 0 && before == after && before == BinaryPrimitives.ReadInt64LittleEndian(bytes[ScoreboardLayout.TextSequenceOffset..]))
                {
                    return SlotDecoder.Decode(bytes, textConsistent: true);
                }

                Thread.SpinWait(20);
            }

            return SlotDecoder.Decode(bytes, textConsistent: false);
        }
        catch (InvalidDataException e)
        {
            return SlotDecoder.Damaged(e.Message);
        }
        catch (IOException e)
        {
            return SlotDecoder.Damaged(e.Message);
        }
    }

    private static long Sequence(SafeFileHandle handle, long slotStart)
    {
        Span<byte> value = stackalloc byte[sizeof(long)];
        return RandomAccess.Read(handle, value, slotStart + ScoreboardLayout.TextSequenceOffset) == value.Length
            ? BinaryPrimitives.ReadInt64LittleEndian(value)
            : -1;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
