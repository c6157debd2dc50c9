using System.Text;

namespace Supervisor.Platform;

/// <summary>
/// What an executable's bytes tell of it: whether Native AOT compiled it, and whether a given string literal was
/// compiled in. Read once at start and on reload, never per worker: an image is tens of megabytes.
/// </summary>
internal static class NativeAotImage
{
    private const int ChunkSize = 1 << 20;

    /// <summary>
    /// Native AOT exports this symbol for debuggers from every executable it links, stripped or not; a C program, a
    /// shell or the dotnet host has no such name.
    /// </summary>
    private static readonly byte[] RuntimeMarker = "DotNetRuntimeDebugHeader"u8.ToArray();

    private static readonly byte[] ElfMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>
    /// Null when <paramref name="file"/> is not a Native AOT executable (a script, an apphost, another program, or
    /// unreadable); otherwise whether it carries <paramref name="literal"/>. Native AOT freezes a string literal into
    /// the image as a string object, in UTF-16, but stores those objects "dehydrated": runs of zero bytes and pointers
    /// become short commands, rebuilt at start. The characters survive as they are, save the high byte of the last
    /// one, which joins the terminator's zeros; so the pattern is the literal's UTF-16 without its last byte (seen on
    /// a .NET 10 image: "Hello World!" is stored as 'H\0e\0...d\0!' followed by a command byte).
    /// </summary>
    public static bool? CarriesLiteral(string file, string literal)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            Span<byte> magic = stackalloc byte[ElfMagic.Length];
            if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual(ElfMagic))
            {
                return null;
            }

            var found = Search(stream, [RuntimeMarker, Encoding.Unicode.GetBytes(literal)[..^1]]);
            return found[0] ? found[1] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Which of <paramref name="patterns"/> occur in the stream, read in chunks that overlap by a pattern's length.</summary>
    private static bool[] Search(Stream stream, byte[][] patterns)
    {
        var found = new bool[patterns.Length];
        var overlap = patterns.Max(p => p.Length) - 1;
        var buffer = new byte[ChunkSize + overlap];
        var kept = 0;
        int read;
        while ((read = stream.Read(buffer, kept, ChunkSize)) > 0)
        {
            var window = buffer.AsSpan(0, kept + read);
            for (var i = 0; i < patterns.Length; i++)
            {
                found[i] |= window.IndexOf(patterns[i]) >= 0;
            }

            if (found.All(f => f))
            {
                break;
            }

            kept = Math.Min(overlap, window.Length);
            window[^kept..].CopyTo(buffer);
        }

        return found;
    }
}
