using System.Globalization;
using Supervisor.Host;
using Supervisor.Platform;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Host;

public sealed class PidFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string OwnPid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";

    [Fact]
    public void ALinkPlantedAtTheTemporaryNameIsNeverWrittenThrough()
    {
        var victim = _directory.Write("victim", "untouched\n");
        var path = _directory.Combine("app.pid");
        File.CreateSymbolicLink(path + ".tmp", victim);

        using var pidFile = PidFile.Create(path);

        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.Equal(OwnPid, File.ReadAllText(path));
        Assert.Null(new FileInfo(path).LinkTarget);
    }

    [Fact]
    public void ALinkPlantedAtThePidfilesNameIsReplacedNotFollowed()
    {
        var victim = _directory.Write("victim", "untouched\n");
        var path = _directory.Combine("app.pid");
        File.CreateSymbolicLink(path, victim);

        using var pidFile = PidFile.Create(path);

        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.Equal(OwnPid, File.ReadAllText(path));
    }

    [Fact]
    public void NoTemporaryFileIsLeftBehind()
    {
        using var pidFile = PidFile.Create(_directory.Combine("app.pid"));

        Assert.Equal(["app.pid"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void TheMasterHoldsItsPidfileOpenUntilItIsRemoved()
    {
        var path = _directory.Combine("app.pid");
        var pidFile = PidFile.Create(path);
        var file = SafeFiles.Status(path)!.Value;

        Assert.True(ProcFs.System.HoldsOpen(Environment.ProcessId, file));

        pidFile.Dispose();

        Assert.False(File.Exists(path));
        Assert.False(ProcFs.System.HoldsOpen(Environment.ProcessId, file));
    }

    [Fact]
    public void ThePidfileIsReadableByAllAndWritableByItsOwner()
    {
        var path = _directory.Combine("app.pid");

        using var pidFile = PidFile.Create(path);

        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(path));
    }
}
