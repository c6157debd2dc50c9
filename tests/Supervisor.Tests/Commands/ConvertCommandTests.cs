using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands;

/// <summary>The built <c>supervisor convert</c>, run as a process: what it writes, where, and what it says.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ItWritesTheTomlAndListsWhatItCouldNotCarryOverAndCheckAcceptsTheResult()
    {
        _directory.Write("gunicorn.conf.py", "import multiprocessing\nbind = '127.0.0.1:9000'\nworkers = multiprocessing.cpu_count() * 2 + 1\nworker_class = 'gevent'\n");
        MachineFiles.Executable(_directory, "MyApp");

        var result = await SupervisorExecutable.RunAsync(_directory.Path, ["convert", "-o", "gunicorn.toml"]);
        var check = await SupervisorExecutable.RunAsync(_directory.Path, ["check", "--print", "--", "./MyApp"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(
            "gunicorn.conf.py:4: worker_class = 'gevent': not carried over: worker_class is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel, asynchronous by nature; to serve more at once, raise workers\n" +
            "Carried over 2 settings from gunicorn.conf.py; 1 line was not (listed above). Set app, then run 'supervisor check -c gunicorn.toml'.\n",
            result.Error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_directory.Combine("gunicorn.toml")));
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("bind = [\"127.0.0.1:9000\"]\n", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItNeverOverwritesAFileAndSaysWhenTheSourceIsMissing()
    {
        _directory.Write("gunicorn.conf.py", "workers = 2\n");
        _directory.Write("gunicorn.toml", "workers = 9\n");

        var exists = await SupervisorExecutable.RunAsync(_directory.Path, ["convert", "-o", "gunicorn.toml"]);
        var missing = await SupervisorExecutable.RunAsync(_directory.Path, ["convert", "other.py"]);
        var toStdout = await SupervisorExecutable.RunAsync(_directory.Path, ["convert"]);

        Assert.Equal((1, "Error: gunicorn.toml exists; remove it or name another file with -o. Nothing was written.\n"), (exists.ExitCode, exists.Error));
        Assert.Equal("workers = 9\n", File.ReadAllText(_directory.Combine("gunicorn.toml")));
        Assert.Equal((1, "Error: other.py not found; name the Gunicorn config file, as in 'supervisor convert gunicorn.conf.py'.\n"), (missing.ExitCode, missing.Error));
        Assert.Equal(0, toStdout.ExitCode);
        Assert.EndsWith("workers = 2\n", toStdout.Output, StringComparison.Ordinal);
    }
}
