using System.Text.RegularExpressions;

namespace Supervisor.Tests.Deploy.Support;

/// <summary>
/// The paths the Dockerfile's final stage gives the image, read from its instructions: WORKDIR folders, COPY
/// destinations (a file copied into a folder is that folder plus its name), the folders a RUN makes with
/// <c>mkdir -p</c>, and <c>/tmp</c>, which every base image has. What a <c>COPY --from</c> brings is known by
/// its source folder in the earlier stage, not file by file.
/// </summary>
internal sealed partial class ImageLayout
{
    private readonly HashSet<string> _paths = ["/tmp"];

    private ImageLayout(IReadOnlyList<string> instructions)
    {
        var final = instructions.ToList().FindLastIndex(i => i.StartsWith("FROM ", StringComparison.Ordinal));
        Earlier = instructions.Take(final).ToList();
        foreach (var instruction in instructions.Skip(final))
        {
            var words = instruction.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "WORKDIR":
                    _paths.Add(words[1]);
                    break;
                case "COPY" when words[1].StartsWith("--from=", StringComparison.Ordinal):
                    _paths.Add(words[3]);
                    CopiedFromEarlierStage[words[3]] = words[2];
                    break;
                case "COPY":
                    var destination = words[^1];
                    _paths.Add(destination.TrimEnd('/'));
                    foreach (var source in words[1..^1])
                    {
                        _paths.Add(destination.EndsWith('/') ? destination + Path.GetFileName(source) : destination);
                    }

                    break;
                case "RUN":
                    foreach (Match mkdir in MakeDirectories().Matches(instruction))
                    {
                        _paths.UnionWith(mkdir.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    }

                    break;
            }
        }
    }

    /// <summary>Image folder to the earlier stage's folder it is copied from.</summary>
    public Dictionary<string, string> CopiedFromEarlierStage { get; } = [];

    /// <summary>The instructions of the stages before the final one.</summary>
    public IReadOnlyList<string> Earlier { get; }

    public static ImageLayout Read(string dockerfile) => new(
        Regex.Split(File.ReadAllText(dockerfile), @"(?<!\\)\n")
            .Select(i => Regex.Replace(i, @"\s*\\\n\s*", " ").Trim())
            .Where(i => i.Length > 0 && !i.StartsWith('#'))
            .ToList());

    public bool Has(string path) => _paths.Contains(path);

    [GeneratedRegex(@"mkdir -p ((?:/[^ &;]+ ?)+)")]
    private static partial Regex MakeDirectories();
}
