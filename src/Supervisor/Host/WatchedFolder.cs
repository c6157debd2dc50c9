namespace Supervisor.Host;

/// <summary>A folder reload watches, and which of its files count (it never looks into subfolders).</summary>
/// <param name="Everything">Every file of the folder counts (a folder named in reload_extra_files).</param>
/// <param name="AppFiles">The app's folder: its .dll, .json and .so files count (assemblies, appsettings, the runtime's and deps' files, native libraries).</param>
/// <param name="Names">Files that count by name: the app's main file, files named in reload_extra_files.</param>
internal sealed record WatchedFolder(string Path, bool Everything, bool AppFiles, IReadOnlySet<string> Names)
{
    private static readonly string[] AppExtensions = [".dll", ".json", ".so"];

    public bool Matches(string name) =>
        Everything || Names.Contains(name) || (AppFiles && AppExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)));
}
