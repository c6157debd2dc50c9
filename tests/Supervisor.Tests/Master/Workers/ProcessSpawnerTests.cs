using Supervisor.Host;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Master.Workers;

/// <summary>Real processes: what a worker is started with.</summary>
public sealed class ProcessSpawnerTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly CollectingSink _log = new();

    public void Dispose() => _configs.Dispose();

    [Fact]
    public async Task AWorkerIsToldTheWakeFdAndInheritsTheWriteEndAtThatNumberButNotTheReadEnd()
    {
        using var wake = WakePipe.Create(_log.CreateLogger());
        var config = _configs.Valid("app = \"sleep 30\"");
        using var slots = SlotFiles.Create(Path.Combine(_configs.Folder, "board"), slotCount: 4);
        var spawner = new ProcessSpawner(slots, wake.WriteFd);

        var worker = spawner.Spawn(new WorkerSpec(0, 1, 0, config, []));
        try
        {
            // Process.Start returns once the child has exec'd, so /proc shows the worker's own environment and fds.
            var environment = File.ReadAllText($"/proc/{worker.Pid}/environ").Split('\0');
            Assert.Contains($"SUPERVISOR_WAKE_FD={wake.WriteFd}", environment);

            var pipe = Link($"/proc/self/fd/{wake.WriteFd}");
            Assert.StartsWith("pipe:", pipe, StringComparison.Ordinal);
            var ends = Directory.GetFiles($"/proc/{worker.Pid}/fd").Where(fd => Link(fd) == pipe).ToList();
            Assert.Equal([$"/proc/{worker.Pid}/fd/{wake.WriteFd}"], ends);
        }
        finally
        {
            worker.Signal(Libc.SIGKILL);
            await worker.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task AWorkerIsToldAScoreboardFileOfItsOwnForItsSlot()
    {
        using var wake = WakePipe.Create(_log.CreateLogger());
        var config = _configs.Valid("app = \"sleep 30\"");
        using var slots = SlotFiles.Create(Path.Combine(_configs.Folder, "board"), slotCount: 4);

        var worker = new ProcessSpawner(slots, wake.WriteFd).Spawn(new WorkerSpec(3, 1, 0, config, []));
        try
        {
            var environment = File.ReadAllText($"/proc/{worker.Pid}/environ").Split('\0');
            var file = Path.Combine(_configs.Folder, "board", "slot-3");
            Assert.Contains($"SUPERVISOR_SCOREBOARD={file}", environment);
            Assert.Contains("SUPERVISOR_SLOT=3", environment);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            worker.Signal(Libc.SIGKILL);
            await worker.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>A descriptor in /proc links to "pipe:[inode]"; "" when it closed meanwhile.</summary>
    private static string Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
