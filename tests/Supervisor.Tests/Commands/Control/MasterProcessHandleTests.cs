using System.Globalization;
using Supervisor.Commands.Control;
using Supervisor.Platform;
using Supervisor.Status;
using Supervisor.Tests.Commands.Control.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands.Control;

public sealed class MasterProcessHandleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Fails(string path) =>
        Assert.Throws<ControlException>(() => MasterProcessHandle.FromPidFile(path, ProcFs.System)).Message;

    [Fact]
    public void APidfileNamingTheLiveProcessThatHoldsItGivesThatProcess()
    {
        var path = _directory.Write("app.pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        using var held = File.OpenRead(path);

        var master = MasterProcessHandle.FromPidFile(path, ProcFs.System);

        Assert.Equal(Environment.ProcessId, master.Pid);
        Assert.Equal(path, master.PidFile);
        Assert.True(master.IsRunning());
    }

    [Fact]
    public void AMissingPidfileSaysNoMasterIsRunning()
    {
        var path = _directory.Combine("app.pid");

        Assert.Equal(
            $"No master is running: the pidfile {path} does not exist. Start the master with 'supervisor run', or give the pidfile it writes with -p FILE.",
            Fails(path));
    }

    [Fact]
    public void APidfileInAMissingFolderSaysTheSame()
    {
        var path = _directory.Combine("run/app.pid");

        Assert.StartsWith($"No master is running: the pidfile {path} does not exist.", Fails(path), StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderInsteadOfAPidfileSaysSo()
    {
        var path = Directory.CreateDirectory(_directory.Combine("app.pid")).FullName;

        Assert.Equal($"Cannot read the pidfile {path}: it is a directory. Give the pidfile itself with -p FILE.", Fails(path));
    }

    [Theory]
    [InlineData("garbage\n", "it contains \"garbage\"")]
    [InlineData("", "it is empty")]
    [InlineData("  \n", "it is empty")]
    [InlineData("-12", "it contains \"-12\"")]
    [InlineData("0", "it contains \"0\"")]
    [InlineData("12 13", "it contains \"12 13\"")]
    [InlineData("12\n13\n", "it contains \"12 13\"")]
    [InlineData("0123456789012345678901234567890123456789ABCDEF", "it contains \"0123456789012345678901234567890123456789...\"")]
    public void APidfileWithoutAProcessIdSaysWhatItHolds(string content, string holds)
    {
        var path = _directory.Write("app.pid", content);

        Assert.Equal(
            $"The pidfile {path} does not hold a process id: {holds}. Remove the file if no master is running, or give the master's pidfile with -p FILE.",
            Fails(path));
    }

    [Fact]
    public void APidfileNamingADeadProcessSaysToRemoveItOrStartTheMaster()
    {
        var path = _directory.Write("app.pid", $"{DeadPid.Value}\n");

        Assert.Equal(
            $"No master is running: the pidfile {path} names pid {DeadPid.Value}, which is not running. Remove the file, or start the master with 'supervisor run'.",
            Fails(path));
    }

    [Fact]
    public void APidfileNamingALiveProcessThatDoesNotHoldItIsRefused()
    {
        using var sleep = System.Diagnostics.Process.Start("sleep", "60");
        try
        {
            var path = _directory.Write("app.pid", $"{sleep.Id}\n");

            Assert.Equal(
                $"The pidfile {path} names pid {sleep.Id} (sleep), which is not the master that wrote it: a master holds its pidfile open while it runs, and this process does not. Nothing was sent to it. Remove the file if no master is running, or give the running master's pidfile with -p FILE.",
                Fails(path));
        }
        finally
        {
            sleep.Kill();
        }
    }

    [Fact]
    public void APidfileNamingAZombieCountsAsNotRunning()
    {
        using var proc = new FakeProc();
        proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(5), rssKib: 1, state: 'Z');
        var path = _directory.Write("app.pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var error = Assert.Throws<ControlException>(() => MasterProcessHandle.FromPidFile(path, proc.Proc));

        Assert.Equal(ControlMessages.MasterNotRunning(path, Environment.ProcessId), error.Message);
        Assert.Equal(1, error.ExitCode);
    }
}
