using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Integration.Support;

namespace Integration;

/// <summary>
/// The master under systemd's two protocols, with the real tools where systemd has them: socket activation through
/// systemd-socket-activate, notifications to a datagram socket the test holds, and the unit files through
/// systemd-analyze verify.
/// </summary>
public sealed class SystemdTests
{
    private static Action<ProcessStartInfo> UnderSocketActivate(int port) => info =>
    {
        List<string> arguments = ["-l", $"127.0.0.1:{port}", "--fdname=web", info.FileName, .. info.ArgumentList];
        info.FileName = "systemd-socket-activate";
        info.ArgumentList.Clear();
        arguments.ForEach(info.ArgumentList.Add);
    };

    private static string[] Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ").Split('\0');

    [Fact]
    public async Task TheMasterAdoptsTheSocketSystemdHoldsAndTheFirstConnectionIsServed()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\n", UnderSocketActivate(port));
        await Wait.UntilAsync(() => master.Output.Contains("Listening on", StringComparison.Ordinal) || master.HasExited,
            TimeSpan.FromSeconds(10), $"systemd-socket-activate to listen:\n{master.Output}");

        // systemd-socket-activate starts the master on the first connection, which waits in the queue meanwhile.
        var answer = await Http.GetStringAsync($"http://127.0.0.1:{port}/");

        Assert.Equal("Hello, World!", answer);
        Assert.Contains($"Adopted socket 3 (127.0.0.1:{port}, named web) from systemd for bind 127.0.0.1:{port}", master.Output, StringComparison.Ordinal);
        Assert.Contains($"Listening at: http://127.0.0.1:{port}", master.Output, StringComparison.Ordinal);
        await master.WaitForReadyWorkersAsync(2);
        Assert.All(master.LiveWorkerPids, pid => Assert.DoesNotContain(Environ(pid), v => v.StartsWith("LISTEN_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SystemdHearsReadyThenReloadingAndReadyAroundAHupThenStopping()
    {
        var port = FreePort.Next();
        using var systemd = new NotifyListener();
        string[] Heard() => systemd.Heard;

        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\n",
            info => info.Environment["NOTIFY_SOCKET"] = systemd.Path);
        await Wait.UntilAsync(() => Heard().Any(m => m.StartsWith("READY=1", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), $"READY=1:\n{master.Output}");
        await master.WaitForReadyWorkersAsync(2);
        Assert.All(master.LiveWorkerPids, pid => Assert.DoesNotContain(Environ(pid), v => v.StartsWith("NOTIFY_SOCKET=", StringComparison.Ordinal)));

        master.Signal(1);
        await Wait.UntilAsync(() => Heard().Count(m => m.StartsWith("READY=1", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(60), $"READY=1 after the reload: {string.Join(" | ", Heard())}");
        master.Signal(15);
        Assert.Equal(0, await master.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await systemd.StopAsync();

        var order = Heard().Select(m => m.Split('\n')[0]).Where(m => m is "READY=1" or "RELOADING=1" or "STOPPING=1").ToList();
        Assert.Equal(["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"], order);
        Assert.Contains("READY=1\nSTATUS=2 workers ready", Heard());
        Assert.Matches(@"^RELOADING=1\nMONOTONIC_USEC=\d+$", Heard().First(m => m.StartsWith("RELOADING=1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ANewMasterStartedByUsr2TellsSystemdItIsTheMainProcessOnceTheOldOneIsGone()
    {
        var port = FreePort.Next();
        using var systemd = new NotifyListener();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = 1\nloglevel = \"debug\"\n",
            info => info.Environment["NOTIFY_SOCKET"] = systemd.Path);
        await master.WaitForReadyWorkersAsync(1);

        master.Signal(12);
        var started = await master.WaitForLineAsync(@"Started a new master \(pid \d+\)");
        var child = int.Parse(System.Text.RegularExpressions.Regex.Match(started, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await Wait.UntilAsync(() => master.CountLines(@"Worker \(pid:\d+\) is ready") >= 2, TimeSpan.FromSeconds(60), $"the new master's worker:\n{master.Output}");
            Assert.DoesNotContain(systemd.Heard, m => m.StartsWith("MAINPID=", StringComparison.Ordinal));

            master.Signal(15);
            await master.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await Wait.UntilAsync(() => systemd.Heard.Contains($"MAINPID={child}"), TimeSpan.FromSeconds(10), $"MAINPID={child}: {string.Join(" | ", systemd.Heard)}");
        }
        finally
        {
            ProcessProbe.Signal(child, 3);
            await Wait.UntilAsync(() => !ProcessProbe.IsAlive(child), TimeSpan.FromSeconds(30), "the new master to stop");
        }
    }

    [Fact]
    public async Task TheUnitFilesPassSystemdAnalyzeVerify()
    {
        using var folder = new TempFolder();
        foreach (var unit in new[] { "supervisor.service", "supervisor.socket" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(Binaries.RepositoryRoot, "deploy", "systemd", unit));

            // verify checks that ExecStart's program exists: point it at the one just built.
            await File.WriteAllTextAsync(Path.Combine(folder.Path, unit), text.Replace("/usr/local/bin/supervisor", Binaries.Supervisor, StringComparison.Ordinal));
        }

        await using var verify = OwnedProcess.Start("systemd-analyze", ["verify", "supervisor.socket", "supervisor.service"], workingDirectory: folder.Path);
        await Wait.UntilAsync(() => verify.HasExited, TimeSpan.FromSeconds(30), "systemd-analyze verify");

        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Equal("", verify.Output.Trim());
    }
}
