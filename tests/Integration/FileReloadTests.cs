using Integration.Support;

namespace Integration;

/// <summary>reload = true on a real master: rebuilding the app (its files rewritten) rolls the workers as HUP does.</summary>
public sealed class FileReloadTests
{
    private readonly ITestOutputHelper _output;

    public FileReloadTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>A copy of the built SampleApp of the test's own, so its files can be rewritten under a master.</summary>
    private static string CopySampleApp(string folder)
    {
        var source = Path.GetDirectoryName(Binaries.SampleApp)!;
        var target = Path.Combine(folder, "app");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        File.SetUnixFileMode(Path.Combine(target, "SampleApp"), File.GetUnixFileMode(Binaries.SampleApp));
        return Path.Combine(target, "SampleApp");
    }

    [Fact]
    public async Task ABurstOfChangesToTheAppsFilesMakesOneNewGenerationWithoutAFailedRequest()
    {
        using var folder = new TempFolder();
        var app = CopySampleApp(folder.Path);
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"app = \"{app}\"\nbind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\nreload = true\n");
        await master.WaitForReadyWorkersAsync(2);
        await master.WaitForLineAsync($"reload: watching {Path.GetDirectoryName(app)} for changes; a change reloads the workers as HUP does.");
        var before = master.LiveWorkerPids.ToList();
        await using var load = new Load($"http://127.0.0.1:{port}/", clients: 2);
        await load.WaitForRequestsAsync(100);

        // What a build does: the same files rewritten, many times over, and a new one.
        var settings = Path.Combine(Path.GetDirectoryName(app)!, "appsettings.json");
        var text = await File.ReadAllTextAsync(settings);
        for (var i = 0; i < 10; i++)
        {
            await File.WriteAllTextAsync(settings, text);
        }

        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(app)!, "Plugin.dll"), [1, 2, 3]);

        await master.WaitForLineAsync($"Worker reloading: {settings} modified");
        await master.WaitForReadyWorkersAsync(2, notAmong: before);
        await load.WaitForRequestsAsync(100);
        var (sent, failed) = await load.StopAsync();

        _output.WriteLine($"reload on change: {sent} requests sent, {failed} failed");
        Assert.True(failed == 0, string.Join("\n", load.Failures.Take(10)));
        Assert.Equal(1, master.CountLines("Worker reloading: "));
        Assert.Equal(1, master.CountLines("Hang up: Master"));
    }

    [Fact]
    public async Task AChangeToAnExtraFileReloadsTheWorkers()
    {
        using var folder = new TempFolder();
        var extra = Path.Combine(folder.Path, "feature-flags.conf");
        await File.WriteAllTextAsync(extra, "new-ui = off\n");
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\nloglevel = \"debug\"\n", "--reload", "--reload-extra-file", extra);
        await master.WaitForReadyWorkersAsync(1);
        var before = master.LiveWorkerPids.ToList();

        await File.WriteAllTextAsync(extra, "new-ui = on\n");

        await master.WaitForLineAsync($"Worker reloading: {extra} modified");
        await master.WaitForReadyWorkersAsync(1, notAmong: before);
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }
}
