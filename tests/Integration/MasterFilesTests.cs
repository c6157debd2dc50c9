using System.Diagnostics;
using System.Globalization;
using Integration.Support;

namespace Integration;

/// <summary>The files a real master creates: their modes whatever the umask, and never through a planted link.</summary>
public sealed class MasterFilesTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";
    private const UnixFileMode ReadableByAll = (UnixFileMode)0b110_100_100;

    private static string Config(string more) =>
        $"bind = \"127.0.0.1:{FreePort.Next()}\"\nloglevel = \"debug\"\npidfile = \"app.pid\"\n{more}\n";

    /// <summary>Starts the master through a shell that first sets the umask.</summary>
    private static Action<ProcessStartInfo> WithUmask(string umask) => info =>
    {
        List<string> arguments = ["-c", $"umask {umask} && exec \"$0\" \"$@\"", info.FileName, .. info.ArgumentList];
        info.FileName = "/bin/sh";
        info.ArgumentList.Clear();
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
    };

    [Theory]
    [InlineData("077")]
    [InlineData("000")]
    public async Task ThePidfileAndErrorLogAreReadableByAllAndWritableByTheMasterWhateverTheUmask(string umask)
    {
        // The log folder must exist (a master never creates folders); the file in it is the master's to make.
        await using var master = MasterRun.Start(Config("errorlog = \"logs/error.log\""), info =>
        {
            Directory.CreateDirectory(Path.Combine(info.WorkingDirectory, "logs"));
            WithUmask(umask)(info);
        });
        var errorLog = Path.Combine(master.Folder, "logs", "error.log");
        await Wait.UntilAsync(() => File.Exists(errorLog) && File.ReadAllText(errorLog).Contains("is ready", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"a ready worker in {errorLog}:\n{master.Output}");

        var pidFile = Path.Combine(master.Folder, "app.pid");
        Assert.Equal(master.Pid.ToString(CultureInfo.InvariantCulture) + "\n", File.ReadAllText(pidFile));
        Assert.Equal(ReadableByAll, File.GetUnixFileMode(pidFile));
        Assert.Equal(ReadableByAll, File.GetUnixFileMode(errorLog));
    }

    [Fact]
    public async Task ALinkPlantedAtThePidfilesTemporaryNameLeavesItsTargetUntouched()
    {
        var victim = Path.Combine(Directory.CreateTempSubdirectory("supervisor-victim-").FullName, "victim");
        File.WriteAllText(victim, "untouched\n");
        try
        {
            await using var master = MasterRun.Start(Config(""), info => File.CreateSymbolicLink(Path.Combine(info.WorkingDirectory, "app.pid.tmp"), victim));
            await master.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));

            Assert.Equal("untouched\n", File.ReadAllText(victim));
            Assert.Equal(master.Pid.ToString(CultureInfo.InvariantCulture) + "\n", File.ReadAllText(Path.Combine(master.Folder, "app.pid")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(victim)!, recursive: true);
        }
    }
}
