using System.Diagnostics;
using Integration.Support;

namespace Integration;

/// <summary>
/// A master running as root with workers as nobody, and nobody damaging the scoreboard: whatever a worker's user
/// does to it costs at most that worker, which is killed and replaced with a line that says why.
/// </summary>
public sealed class HostileWorkerTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Starts the master under this umask, so that the files' modes are seen not to depend on it.</summary>
    private static MasterRun Start(int port, string umask) => MasterRun.Start(
        $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 2\ntimeout = 30\nuser = \"nobody\"\ngroup = \"nogroup\"\n",
        info =>
        {
            info.ArgumentList.Insert(0, info.FileName);
            info.ArgumentList.Insert(0, $"umask {umask}; exec \"$0\" \"$@\"");
            info.ArgumentList.Insert(0, "-c");
            info.FileName = "/bin/sh";
        });

    /// <summary>Runs a shell command as nobody, as a hostile worker would; returns its exit code.</summary>
    private static async Task<int> AsNobodyAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", command])
        {
            RedirectStandardError = true,
        })!;
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            return process.ExitCode;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>Two workers ready; the slot file of each, as the master's scoreboard names them.</summary>
    private static async Task<List<(int Pid, string File)>> WorkersAsync(MasterRun master)
    {
        await Wait.UntilAsync(() => master.CountLines(Ready) >= 2, TimeSpan.FromSeconds(60), $"2 workers ready:\n{master.Output}");
        var found = new List<(int Pid, string File)>();
        await Wait.UntilAsync(() =>
        {
            found = master.Slots()
                .Where(s => s.Snapshot.Pid != 0 && ProcessProbe.IsAlive(s.Snapshot.Pid))
                .Select(s => (s.Snapshot.Pid, master.SlotFile(s.Slot)))
                .ToList();
            return found.Count == 2;
        }, TimeSpan.FromSeconds(10), "both workers in the scoreboard");
        return found;
    }

    [Theory]
    [InlineData("0277", "truncate -s 0 {0}", "is too short to hold a header.")]
    [InlineData("0000", "truncate -s 1M {0}", "the file is 1048576 bytes long; a scoreboard of 1 slot(s) is 576")]
    [InlineData("0277", "head -c 64 /dev/zero | tr '\\000' '\\253' | dd of={0} conv=notrunc status=none", "is not a scoreboard (magic number 0xABABABAB, expected 0x42535653).")]
    [InlineData("0000", "printf '\\001\\000\\000\\000\\000\\000\\000\\000' | dd of={0} bs=1 seek=72 conv=notrunc status=none", "it claims pid 1")]
    public async Task DamageByTheWorkersUserCostsOnlyThatWorkerWhichIsKilledAndReplaced(string umask, string damage, string reason)
    {
        var port = FreePort.Next();
        await using var master = Start(port, umask);
        var workers = await WorkersAsync(master);
        var (victim, file) = workers[0];
        var sibling = workers[1].Pid;
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(master.ScoreboardPath));

        Assert.Equal(0, await AsNobodyAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, damage, file)));

        var line = await master.WaitForLineAsync($@"Worker \(pid:{victim}\) damaged its scoreboard slot: .*; killing it");
        Assert.Contains(reason, line, StringComparison.Ordinal);
        await master.WaitForLineAsync($@"Worker \(pid:{victim}\) was killed for damaging its scoreboard slot\.");
        await Wait.UntilAsync(() => master.CountLines(Ready) >= 3, TimeSpan.FromSeconds(60), $"a replacement ready:\n{master.Output}");
        Assert.False(master.HasExited);
        Assert.True(ProcessProbe.IsAlive(sibling));
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task TheWorkersUserCannotDeleteOrReplaceItsFileNorReadTheFolder()
    {
        var port = FreePort.Next();
        await using var master = Start(port, "0022");
        var (pid, file) = (await WorkersAsync(master))[0];

        Assert.NotEqual(0, await AsNobodyAsync($"rm -f {file}"));
        Assert.NotEqual(0, await AsNobodyAsync($"mv {file} {file}.x"));
        Assert.NotEqual(0, await AsNobodyAsync($"ls {master.ScoreboardPath}"));

        Assert.True(File.Exists(file));
        Assert.True(ProcessProbe.IsAlive(pid));
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.Equal(0, master.CountLines("damaged its scoreboard slot"));
    }

    [Fact]
    public async Task AMasterKilledWithSigkillHasItsScoreboardRemovedByTheNextMaster()
    {
        await using var killed = MasterRun.Start($"bind = \"127.0.0.1:{FreePort.Next()}\"\nloglevel = \"debug\"\nworkers = 1\n");
        await killed.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));
        var folder = killed.ScoreboardPath;
        killed.Signal(9);
        await killed.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // Any master that starts removes it, and other tests start masters too: the folder must go, whoever saw it.
        await using var next = MasterRun.Start($"bind = \"127.0.0.1:{FreePort.Next()}\"\nworkers = 1\n");
        await next.WaitForLineAsync("Booting worker with pid");
        await Wait.UntilAsync(() => !Directory.Exists(folder), TimeSpan.FromSeconds(10), $"{folder} to be removed");
        Assert.True(Directory.Exists(next.ScoreboardPath));
    }
}
