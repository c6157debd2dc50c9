using System.Text;

namespace Supervisor.Tests.Support;

/// <summary>
/// Executables laid out as the start-up checks read them: an ELF header, and the names Native AOT leaves in an image
/// (its debugger symbol in ASCII, string literals in UTF-16), far apart as in a real one.
/// </summary>
public static class FakeImages
{
    public static byte[] Elf(params byte[][] parts)
    {
        using var image = new MemoryStream();
        image.Write([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);
        foreach (var part in parts)
        {
            image.Write(new byte[300_000]);
            image.Write(part);
        }

        return image.ToArray();
    }

    /// <summary>
    /// Each literal as Native AOT's dehydrated data holds it: UTF-16 up to the last character's high byte, which a
    /// command byte replaces.
    /// </summary>
    public static byte[] NativeAot(params string[] literals) =>
        Elf([.. literals.Select(literal => (byte[])[.. Encoding.Unicode.GetBytes(literal)[..^1], 0x69, 0x23]), "DotNetRuntimeDebugHeader"u8.ToArray()]);

    public static string Executable(TempDirectory directory, string name, byte[] image)
    {
        var path = directory.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, image);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
