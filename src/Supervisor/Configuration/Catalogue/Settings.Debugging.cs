namespace Supervisor.Configuration.Catalogue;

/// <summary>The inner loop of development: workers reloaded when the app is built again.</summary>
internal static partial class Settings
{
    public static readonly Setting<bool> Reload = new()
    {
        Key = "reload",
        Section = DebuggingSection,
        GunicornDifference = "The master watches the files and reloads the workers as HUP does (the configuration with them); there is no engine to choose.",
        Type = "boolean",
        Default = false,
        Help = "Reload the workers, as HUP does, when the app's files change: its main file and the .dll, .json and .so files beside it, and reload_extra_files.",
        Details = "Changes less than half a second apart (a build) make one reload, logged as `Worker reloading: PATH modified`. Changes are seen through inotify, which network filesystems and some folders shared into a container do not report: there, send HUP. For development: a reload costs every worker's start.",
        Flag = "--reload",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    public static readonly Setting<IReadOnlyList<string>> ReloadExtraFiles = new()
    {
        Key = "reload_extra_files",
        Section = DebuggingSection,
        GunicornDifference = "A path names a file, or a folder whose files are all watched; there are no globs.",
        Type = "path or array of paths",
        DefaultNote = "none",
        Help = "More files, or folders, whose change reloads the workers when reload is on.",
        Flag = "--reload-extra-file",
        HelpName = "FILE",
        Repeatable = true,
        Unset = [],
        Parse = ReadPaths,
        Printer = paths => paths.ToArray<object>(),
    };

    private static List<string> ReadPaths(ValueReader value)
    {
        if (value.Strings() is not { } texts || texts.Any(t => t.Length == 0))
        {
            value.Invalid("a path, or an array of paths");
            return [];
        }

        return texts.Select(t => System.IO.Path.GetFullPath(t, value.Raw.Origin.BaseDirectory)).ToList();
    }
}
