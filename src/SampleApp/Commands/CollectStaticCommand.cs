namespace SampleApp.Commands;

/// <summary>
/// <c>SampleApp collectstatic --output DIR</c>: copies the app's static files (its <c>wwwroot</c>) into
/// DIR, for nginx to serve without reaching the app; Django's command of the same name.
/// </summary>
internal static class CollectStaticCommand
{
    public const string Name = "collectstatic";

    public static int Run(IReadOnlyList<string> args, string source, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = CommandOptions.Parse(Name, args, ["--output"]);
        if (options.Get("--output") is not { Length: > 0 } target)
        {
            error.WriteLine($"{Name}: say where to copy the static files: {Name} --output DIR.");
            return 1;
        }

        if (!Directory.Exists(source))
        {
            error.WriteLine($"{Name}: there are no static files at '{source}'; publish the app again (its wwwroot folder is missing).");
            return 1;
        }

        var count = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination, overwrite: true);
                count++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Name}: cannot write to '{target}': {e.Message} Check that the folder is writable by this user.");
            return 1;
        }

        output.WriteLine($"{Name}: copied {count} static files from '{source}' to '{Path.GetFullPath(target)}'.");
        return 0;
    }
}
