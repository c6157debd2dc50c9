using Supervisor.Host;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Host;

/// <summary>The watch on real folders: a burst of changes makes one reload, and only the files that count make one.</summary>
public sealed class AppWatchTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly CollectingSink _log = new();
    private int _reloads;

    private AppWatch Watch() => new(
        [new WatchedFolder(_folder.Path, Everything: false, AppFiles: true, new HashSet<string> { "MyApp" })],
        _log.CreateLogger(),
        () => Interlocked.Increment(ref _reloads));

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void ABurstOfChangesMakesOneReloadNamingTheFirstFile()
    {
        using var watch = Watch();

        for (var i = 0; i < 20; i++)
        {
            _folder.Write("app.log", $"line {i}");
            _folder.Write(i % 2 == 0 ? "MyApp.dll" : "appsettings.json", $"build {i}");
        }

        WaitFor(() => _reloads == 1, "the reload");
        _folder.Write("MyApp", "next build");
        WaitFor(() => _reloads >= 2, "the reload after the next change");

        Assert.Equal(2, _reloads);
        var said = _log.Messages.Where(m => m.StartsWith("Worker reloading", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Worker reloading: {_folder.Combine("MyApp.dll")} modified", $"Worker reloading: {_folder.Combine("MyApp")} modified"], said);
        Assert.Contains($"reload: watching {_folder.Path} for changes; a change reloads the workers as HUP does.", _log.Messages);
    }

    [Fact]
    public void AFolderThatDoesNotExistIsSaidAndTheRestWatched()
    {
        var missing = _folder.Combine("gone");

        using var watch = new AppWatch([new WatchedFolder(missing, true, false, new HashSet<string>())], _log.CreateLogger(), () => { });

        Assert.Contains($"reload: cannot watch {missing}: the folder does not exist. Changes there will not reload the workers.", _log.Messages);
    }

    public void Dispose() => _folder.Dispose();
}
