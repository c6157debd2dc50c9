using Supervisor.Configuration.Catalogue;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands;

/// <summary>The built <c>supervisor check</c>, run as a process: exit codes and what it prints.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public CheckCommandTests()
    {
        // The app the configurations name: check looks for it.
        MachineFiles.Executable(_directory, "MyApp");
    }

    public void Dispose() => _directory.Dispose();

    private Task<CommandResult> Check(params string[] args) => SupervisorExecutable.RunAsync(_directory.Path, ["check", .. args]);

    [Fact]
    public async Task AValidFileExitsZero()
    {
        _directory.Write("gunicorn.toml", "app = \"./MyApp\"\nworkers = 3\n");

        var result = await Check("-c", "gunicorn.toml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("The configuration is valid (gunicorn.toml).\n", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task GunicornTomlInTheWorkingDirectoryIsTheDefault()
    {
        _directory.Write("gunicorn.toml", "app = \"./MyApp\"\nworkers = 4\n");

        var result = await Check("--print");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("workers = 4\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintListsEverySetting()
    {
        var result = await Check("--print", "-w", "2", "-b", "127.0.0.1:9000", "-b", "unix:/tmp/a.sock", "--", "./MyApp", "--x");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(Supervisor.Configuration.Catalogue.Settings.All.Count, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("bind = [\"127.0.0.1:9000\", \"unix:/tmp/a.sock\"]", lines);
        Assert.Contains($"app = [\"{_directory.Combine("MyApp")}\", \"--x\"]", lines);
    }

    [Theory]
    [InlineData("-D")]
    [InlineData("--daemon")]
    public async Task GunicornsDaemonSwitchAloneMeansTrue(string flag)
    {
        var result = await Check("--print", flag, "--", "./MyApp");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("daemon = true", result.Output.Split('\n'));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task GunicornsFlagsAreAnsweredWithWhyNotAndItsSecondSpellingsWork()
    {
        var result = await Check("--print", "--preload", "-k", "gevent", "--threads", "4", "--log-file", "err.log", "--", "./MyApp");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error: command line (-k): worker_class is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel, asynchronous by nature; to serve more at once, raise workers\n" +
            "Error: command line (--threads): threads is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel on the .NET thread pool, which sizes itself; raise workers to use more CPUs\n" +
            "Error: command line (--preload): preload_app is a Gunicorn setting with no meaning here: a .NET app cannot be loaded once and forked; each worker starts the app itself (Native AOT makes that quick)\n" +
            "The configuration has 3 problems; nothing was started.\n",
            result.Error);

        var alias = await Check("--print", "--log-file", "err.log", "--", "./MyApp");

        Assert.Equal(0, alias.ExitCode);
        Assert.Contains($"errorlog = \"{_directory.Combine("err.log")}\"\n", alias.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workers = \"three\"", "gunicorn.toml:2:11: workers = \"three\" is not valid: expected an integer from 1 to 1000, or \"auto\" (2 x CPUs + 1)")]
    [InlineData("wrokers = 3", "gunicorn.toml:2:1: unknown key 'wrokers'; did you mean 'workers'?")]
    [InlineData("timeout = = 3", "gunicorn.toml:2:11: syntax error: Unexpected token `=` for a value")]
    [InlineData("workers = -2", "gunicorn.toml:2:11: workers = -2 is not valid: expected an integer from 1 to 1000, or \"auto\" (2 x CPUs + 1)")]
    public async Task ABadFileExitsOneNamingTheKeyAndLine(string line, string expected)
    {
        _directory.Write("gunicorn.toml", "app = \"./MyApp\"\n" + line + "\n");

        var result = await Check("-c", "gunicorn.toml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: " + expected + "\n", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("nothing was started.\n", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task EveryProblemIsListedWithACount()
    {
        _directory.Write("gunicorn.toml", "app = \"./MyApp\"\nworkers = \"three\"\nwrokers = 3\nbacklog = 0\n");

        var result = await Check("-c", "gunicorn.toml");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("The configuration has 3 problems; nothing was started.", lines[^1]);
    }

    [Fact]
    public async Task AMissingConfigFileIsNamed()
    {
        var result = await Check("-c", "missing.toml", "--", "./MyApp");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: config file not found: missing.toml\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFlagsVariableIsReadAndItsErrorsNamed()
    {
        var ok = await SupervisorExecutable.RunAsync(_directory.Path, ["check", "--print", "--", "./MyApp"],
            new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = "-w 6 --timeout 9" });
        var bad = await SupervisorExecutable.RunAsync(_directory.Path, ["check", "--", "./MyApp"],
            new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = "-w 6 --wokers 2" });

        Assert.Contains("workers = 6\n", ok.Output, StringComparison.Ordinal);
        Assert.Contains("timeout = 9\n", ok.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Error: SUPERVISOR_CMD_ARGS: Unrecognized command or argument '--wokers'.", bad.Error, StringComparison.Ordinal);

        var missing = await SupervisorExecutable.RunAsync(_directory.Path, ["check", "--", "./MyApp"],
            new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = "-w" });
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Error: SUPERVISOR_CMD_ARGS: Required argument missing for option: '-w'.", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABooleanFlagAloneMeansTrue()
    {
        var alone = await Check("--print", "--control-bind", "0.0.0.0:9100", "--control-allow-remote", "--timeout-dump", "--control-token-file", "token", "--", "./MyApp");
        var written = await Check("--print", "--timeout-dump", "false", "--", "./MyApp");

        Assert.Equal(0, alone.ExitCode);
        Assert.Contains("control_allow_remote = true\n", alone.Output, StringComparison.Ordinal);
        Assert.Contains("timeout_dump = true\n", alone.Output, StringComparison.Ordinal);
        Assert.Contains("timeout_dump = false\n", written.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFlagIsAUsageError()
    {
        var result = await Check("--wokers", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("supervisor: error: unknown option '--wokers'; did you mean '--workers'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'supervisor check --help' to see the commands and options.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFlagOfACommandWithoutAnAppIsSuggestedToo()
    {
        var mistyped = await SupervisorExecutable.RunAsync(_directory.Path, ["reload", "--timout", "3"]);
        var unrelated = await Check("--xyzzy", "--", "./MyApp");

        Assert.Equal(2, mistyped.ExitCode);
        Assert.StartsWith("supervisor: error: unknown option '--timout'; did you mean '--timeout'?\n", mistyped.Error, StringComparison.Ordinal);
        Assert.Equal(2, unrelated.ExitCode);
        Assert.StartsWith("supervisor: error: unknown option '--xyzzy'.\n", unrelated.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunChecksOrPrintsTheConfigurationWithGunicornsFlags()
    {
        var check = await SupervisorExecutable.RunAsync(_directory.Path, ["run", "--check-config", "-w", "2", "--", "./MyApp"]);
        var print = await SupervisorExecutable.RunAsync(_directory.Path, ["run", "--print-config", "-w", "2", "--", "./MyApp"]);
        var invalid = await SupervisorExecutable.RunAsync(_directory.Path, ["run", "--check-config", "-w", "0", "--", "./MyApp"]);

        Assert.Equal((0, "The configuration is valid (no config file; defaults, environment and flags).\n"), (check.ExitCode, check.Output));
        Assert.Equal(0, print.ExitCode);
        Assert.Contains("workers = 2\n", print.Output, StringComparison.Ordinal);
        Assert.Equal(Settings.All.Count, print.Output.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("workers = 0 is not valid", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashVPrintsTheVersionAsGunicornsDoes()
    {
        var shortFlag = await SupervisorExecutable.RunAsync(_directory.Path, ["-v"]);
        var longFlag = await SupervisorExecutable.RunAsync(_directory.Path, ["--version"]);

        Assert.Equal(0, shortFlag.ExitCode);
        Assert.Equal(longFlag.Output, shortFlag.Output);
        Assert.Matches(@"^\d+\.\d+\.\d+", shortFlag.Output);
    }

    [Fact]
    public async Task TheAppAndTheFlagsVariableAreSplitAsAShellWould()
    {
        _directory.Write("gunicorn.toml", "app = \"./MyApp --name 'hello world' a\\\\ b\"\n");
        var environment = new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = "--access-logformat '%(h)s %(r)s' -w 3" };

        var result = await SupervisorExecutable.RunAsync(_directory.Path, ["check", "--print"], environment);
        var unclosed = await SupervisorExecutable.RunAsync(_directory.Path, ["check"], new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = "-w '3" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"app = [\"{_directory.Combine("MyApp")}\", \"--name\", \"hello world\", \"a b\"]\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("access_log_format = \"%(h)s %(r)s\"\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("workers = 3\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, unclosed.ExitCode);
        Assert.StartsWith("Error: SUPERVISOR_CMD_ARGS is not valid: the single quote at character 4 is not closed\n", unclosed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkerCommandOnlyComesAfterADoubleDash()
    {
        var result = await Check("./MyApp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unexpected argument './MyApp'; the worker command goes after --", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task HelpListsEveryFlagWithItsDefault(string command)
    {
        var result = await SupervisorExecutable.RunAsync(_directory.Path, [command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var flag in new[]
        {
            "-c, --config <FILE>", "-w, --workers <INT|auto>", "-b, --bind <ADDRESS>", "-t, --timeout <SECONDS>",
            "--graceful-timeout <SECONDS>", "--backlog <INT>", "--max-requests <INT>", "--max-requests-jitter <INT>",
            "--keep-alive <SECONDS>", "--log-level <LEVEL>", "--access-logfile <FILE>", "--error-logfile, --log-file <FILE>",
            "--access-logformat <FORMAT>", "-p, --pid <FILE>",
        })
        {
            Assert.Contains(flag, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("[default: 30]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[default: 2048]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPrintsTheVersion()
    {
        var result = await SupervisorExecutable.RunAsync(_directory.Path, ["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0.1.0\n", result.Output);
    }
}
