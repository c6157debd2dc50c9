using System.Text;
using Supervisor.Worker.AccessLog;

namespace Worker.Tests.AccessLog;

public sealed class FileSinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("access-log-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AfterTheFileIsMovedAndReopenedNewLinesGoToANewFile()
    {
        var path = Path.Combine(_folder, "access.log");
        using var sink = new FileSink(path);
        sink.Write("one\n"u8);

        File.Move(path, path + ".1");
        sink.Write("two\n"u8);
        sink.Reopen();
        sink.Write("three\n"u8);

        Assert.Equal("one\ntwo\n", File.ReadAllText(path + ".1"));
        Assert.Equal("three\n", File.ReadAllText(path));
    }

    [Fact]
    public void AppendsToAnExistingFile()
    {
        var path = Path.Combine(_folder, "access.log");
        File.WriteAllText(path, "before\n");

        using (var sink = new FileSink(path))
        {
            sink.Write(Encoding.UTF8.GetBytes("after é\n"));
        }

        Assert.Equal("before\nafter é\n", File.ReadAllText(path));
    }
}
