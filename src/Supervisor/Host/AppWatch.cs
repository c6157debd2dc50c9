using Serilog;

namespace Supervisor.Host;

/// <summary>
/// reload = true: watches the app's files (<see cref="WatchedFiles"/>) and asks for a reload, as HUP does, once a
/// burst of changes is over.
/// </summary>
/// <remarks>
/// The runtime's FileSystemWatcher (inotify on Linux) rather than polling: a change is seen at once and an idle
/// watch costs nothing, where polling stats every file every interval. What it cannot see (some network and
/// container-shared filesystems send no inotify events) is said in docs; a watch that fails reloads once and says so.
/// </remarks>
internal sealed class AppWatch : IDisposable
{
    /// <summary>Quiet that ends a burst: a build writes dozens of files, well within it of each other, and makes one reload.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly ILogger _log;
    private readonly Action _reload;
    private string? _changed;

    /// <param name="reload">Asks the arbiter for a reload; called on a timer thread.</param>
    public AppWatch(IReadOnlyList<WatchedFolder> folders, ILogger log, Action reload)
    {
        _log = log;
        _reload = reload;
        _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var folder in folders)
        {
            Watch(folder);
        }

        _log.Information(MasterMessages.ReloadWatching, string.Join(", ", folders.Select(f => f.Path)));
    }

    private void Watch(WatchedFolder folder)
    {
        if (!Directory.Exists(folder.Path))
        {
            _log.Warning(MasterMessages.ReloadCannotWatch, folder.Path, "the folder does not exist.");
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(folder.Path)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, e) => Note(folder, e.Name);
            watcher.Created += (_, e) => Note(folder, e.Name);
            watcher.Deleted += (_, e) => Note(folder, e.Name);
            watcher.Renamed += (_, e) =>
            {
                Note(folder, e.OldName);
                Note(folder, e.Name);
            };
            watcher.Error += (_, e) =>
            {
                // Events were lost (the kernel's queue overflowed): what changed is unknown, so reload.
                _log.Warning(MasterMessages.ReloadWatchFailed, folder.Path, e.GetException().Message);
                Note(folder, null, force: true);
            };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The inotify limits (fs.inotify.max_user_instances, max_user_watches) are the usual cause.
            _log.Warning(MasterMessages.ReloadCannotWatch, folder.Path, e.Message);
        }
    }

    private void Note(WatchedFolder folder, string? name, bool force = false)
    {
        if (!force && (name is null || !folder.Matches(name)))
        {
            return;
        }

        lock (_gate)
        {
            _changed ??= name is null ? folder.Path : Path.Combine(folder.Path, name);
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        string? changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = null;
        }

        if (changed is not null)
        {
            _log.Information(MasterMessages.ReloadOnChange, changed);
            _reload();
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }
}
