using System.Text;
using Supervisor.Worker.Logging;

namespace Worker.Tests.Logging;

public sealed class AppendOnlyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("append-only-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TwoWritersOfOneFileNeverOverwriteEachOther()
    {
        // Two opens stand for two workers: each has its own descriptor and offset.
        var path = Path.Combine(_folder, "access.log");
        using var first = new AppendOnlyFile(path);
        using var second = new AppendOnlyFile(path);

        for (var i = 0; i < 100; i++)
        {
            first.Write(Encoding.ASCII.GetBytes($"first {i}\n"));
            second.Write(Encoding.ASCII.GetBytes($"second {i}\n"));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(200, lines.Length);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"first {i}"), lines.Where(l => l.StartsWith("first", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"second {i}"), lines.Where(l => l.StartsWith("second", StringComparison.Ordinal)));
    }

    [Fact]
    public void CreatesTheFileButNeverAFolder()
    {
        var path = Path.Combine(_folder, "access.log");
        using (var file = new AppendOnlyFile(path))
        {
            file.Write("x\n"u8);
        }

        var missing = Path.Combine(_folder, "logs", "access.log");
        var error = Assert.Throws<IOException>(() => new AppendOnlyFile(missing));

        Assert.Equal("x\n", File.ReadAllText(path));
        Assert.Equal($"Cannot open {missing}: No such file or directory.", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "logs")));
    }

    [Fact]
    public void WhenThePathCannotBeReopenedTheOldFileKeepsTheLines()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "logs")).FullName;
        var path = Path.Combine(folder, "access.log");
        using var file = new AppendOnlyFile(path);
        File.Move(path, Path.Combine(_folder, "moved.log"));
        Directory.Delete(folder);
        File.WriteAllText(folder, "a file where the folder was");

        Assert.ThrowsAny<IOException>(file.Reopen);
        file.Write("kept\n"u8);

        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(_folder, "moved.log")));
    }

    [Fact]
    public void AFileThatCannotBeOpenedSaysWhy()
    {
        var error = Assert.Throws<IOException>(() => new AppendOnlyFile(_folder));

        Assert.Equal($"Cannot open {_folder}: Is a directory.", error.Message);
    }

    [Fact]
    public void WritesAfterDisposeAreDropped()
    {
        var path = Path.Combine(_folder, "access.log");
        var file = new AppendOnlyFile(path);
        file.Write("a\n"u8);
        file.Dispose();

        file.Write("b\n"u8);
        file.Reopen();

        Assert.Equal("a\n", File.ReadAllText(path));
    }

    [Fact]
    public void AsRootALinkSomeoneElseOwnsIsNotFollowed()
    {
        Assert.Equal("0", Run("id", "-u"));
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "untouched\n");
        var path = Path.Combine(_folder, "error.log");
        File.CreateSymbolicLink(path, victim);
        Run("chown", "-h", "65534", path);

        var error = Assert.Throws<UnauthorizedAccessException>(() => new AppendOnlyFile(path));

        Assert.Equal(
            $"Cannot open {path}: it is a symbolic link owned by uid 65534, and a process running as root follows only links owned by root. Point the setting at the file itself.",
            error.Message);
        Assert.Equal("untouched\n", File.ReadAllText(victim));
    }

    [Fact]
    public void ALinkRootOwnsIsFollowed()
    {
        var target = Path.Combine(_folder, "target.log");
        var path = Path.Combine(_folder, "error.log");
        File.CreateSymbolicLink(path, target);
        using var file = new AppendOnlyFile(path);

        file.Write("x\n"u8);

        Assert.Equal("x\n", File.ReadAllText(target));
    }

    private static string Run(string command, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
