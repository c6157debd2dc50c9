using System.Globalization;

namespace Supervisor.Platform;

/// <summary>This process's open descriptors, as /proc/self/fd lists them.</summary>
internal static class OwnDescriptors
{
    /// <summary>What the descriptor is open on, as /proc names it ("pipe:[1234]", "/dev/pts/0"); null when closed.</summary>
    public static string? Target(int fd) => Link(fd.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Every descriptor open on <paramref name="target"/> (the same pipe, terminal or file): the duplicates the
    /// runtime's console writers make of 0, 1 and 2 among them.
    /// </summary>
    public static IReadOnlyList<int> OpenOn(string? target)
    {
        var found = new List<int>();
        if (target is null)
        {
            return found;
        }

        foreach (var entry in Directory.EnumerateFiles("/proc/self/fd"))
        {
            var name = Path.GetFileName(entry);
            if (Link(name) == target && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add(number);
            }
        }

        return found;
    }

    private static string? Link(string name)
    {
        try
        {
            return new FileInfo("/proc/self/fd/" + name).LinkTarget;
        }
        catch (IOException)
        {
            // Closed meanwhile (the descriptor that listed the folder, say).
            return null;
        }
    }
}
