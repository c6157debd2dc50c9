using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Host;

/// <summary>
/// What reload watches: the app's main file and the files beside it that a build rewrites, and reload_extra_files.
/// Folders, not files, are watched: a build that writes a new file and renames it over the old one replaces the
/// file a watch on the file would have followed.
/// </summary>
internal static class WatchedFiles
{
    /// <summary>The folders to watch, one entry per folder.</summary>
    public static IReadOnlyList<WatchedFolder> For(SupervisorConfig config)
    {
        var folders = new Dictionary<string, WatchedFolder>();
        void Add(string folder, bool everything, bool appFiles, string? name)
        {
            var entry = folders.GetValueOrDefault(folder) ?? new WatchedFolder(folder, false, false, new HashSet<string>());
            var names = new HashSet<string>(entry.Names);
            if (name is not null)
            {
                names.Add(name);
            }

            folders[folder] = entry with { Everything = entry.Everything || everything, AppFiles = entry.AppFiles || appFiles, Names = names };
        }

        if (MainFile(config) is { } main)
        {
            Add(Path.GetDirectoryName(main)!, everything: false, appFiles: true, Path.GetFileName(main));
        }

        foreach (var extra in config.Get(Settings.ReloadExtraFiles))
        {
            if (Directory.Exists(extra))
            {
                Add(Path.TrimEndingDirectorySeparator(extra), everything: true, appFiles: false, null);
            }
            else
            {
                Add(Path.GetDirectoryName(extra)!, everything: false, appFiles: false, Path.GetFileName(extra));
            }
        }

        return [.. folders.Values];
    }

    /// <summary>
    /// The app's main file: the first .dll among its words (dotnet MyApp.dll), relative to the folder the workers
    /// run in; else its executable when that is a path. Null for an executable found on PATH.
    /// </summary>
    public static string? MainFile(SupervisorConfig config)
    {
        var app = config.Get(Settings.App);
        var folder = config.Get(Settings.Chdir) ?? Environment.CurrentDirectory;
        if (app.Skip(1).FirstOrDefault(w => w.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) is { } dll)
        {
            return Path.GetFullPath(dll, folder);
        }

        return app.Count > 0 && app[0].Contains('/', StringComparison.Ordinal) ? app[0] : null;
    }
}
