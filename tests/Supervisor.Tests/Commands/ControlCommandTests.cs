using System.Diagnostics;
using System.Globalization;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands;

/// <summary>The built control commands (reload, stop, scale, status), run as processes, when there is no master to find.</summary>
public sealed class ControlCommandTests : IDisposable
{
    private const string NoPidFile =
        "No pidfile is set, so the master cannot be found: there is no -p and no config file (./gunicorn.toml does not exist). Give the pidfile with -p FILE, or a config file that sets pidfile with -c FILE.\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "reload" },
        new[] { "stop" },
        new[] { "stop", "--quick", "--wait" },
        new[] { "scale", "+1" },
        new[] { "scale", "-1" },
        new[] { "status" },
        new[] { "status", "--json" },
    };

    private Task<CommandResult> Run(params string[] args) => SupervisorExecutable.RunAsync(_directory.Path, args);

    private static string Missing(string path) =>
        $"No master is running: the pidfile {path} does not exist. Start the master with 'supervisor run', or give the pidfile it writes with -p FILE.\n";

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AMissingPidfileExitsOneSayingNoMasterIsRunning(string[] command)
    {
        var result = await Run([.. command, "-p", "app.pid"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Missing(_directory.Combine("app.pid")), result.Error);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task NoPidfileAnywhereSaysHowToGiveOne(string[] command)
    {
        var result = await Run(command);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(NoPidFile, result.Error);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task GunicornTomlInTheWorkingDirectoryNamesThePidfile(string[] command)
    {
        _directory.Write("gunicorn.toml", "pidfile = \"run/app.pid\"\n");

        var result = await Run(command);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Missing(_directory.Combine("run/app.pid")), result.Error);
    }

    [Fact]
    public async Task APidfileNamingADeadProcessSaysToRemoveIt()
    {
        var path = _directory.Write("app.pid", "99999999\n");

        var result = await Run("stop", "-p", "app.pid");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"No master is running: the pidfile {path} names pid 99999999, which is not running. Remove the file, or start the master with 'supervisor run'.\n",
            result.Error);
    }

    [Fact]
    public async Task StatusOfAProcessWithoutAScoreboardSaysItMayNotBeAMaster()
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using var held = File.OpenRead(_directory.Write("app.pid", pid));

        var result = await Run("status", "-p", "app.pid");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"Cannot read the workers of the master (pid {pid}): its scoreboard /dev/shm/supervisor-{pid} does not exist. The master may still be starting (try again in a moment), or pid {pid} is not a supervisor master.\n",
            result.Error);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task APidfileNamingAnotherProcessIsRefusedAndThatProcessIsNotSignalled(string[] command)
    {
        using var sleep = Process.Start("sleep", "60");
        try
        {
            var path = _directory.Write("app.pid", $"{sleep.Id}\n");

            var result = await Run([.. command, "-p", "app.pid"]);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                $"The pidfile {path} names pid {sleep.Id} (sleep), which is not the master that wrote it: a master holds its pidfile open while it runs, and this process does not. Nothing was sent to it. Remove the file if no master is running, or give the running master's pidfile with -p FILE.\n",
                result.Error);
            Assert.Equal("", result.Output);
            // A TERM or HUP would end it within milliseconds.
            Assert.False(sleep.WaitForExit(TimeSpan.FromMilliseconds(500)));
        }
        finally
        {
            sleep.Kill();
        }
    }

    [Theory]
    [InlineData("2", "'2' is not a change in the number of workers: give a signed whole number, as in +2 or -1.")]
    [InlineData("+1.5", "'+1.5' is not a change in the number of workers: give a signed whole number, as in +2 or -1.")]
    [InlineData("many", "'many' is not a change in the number of workers: give a signed whole number, as in +2 or -1.")]
    [InlineData("+0", "'+0' changes nothing: give a non-zero number of workers to add or remove, as in +2 or -1.")]
    public async Task ABadScaleArgumentIsAUsageError(string argument, string message)
    {
        var result = await Run("scale", argument, "-p", "app.pid");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"supervisor: error: {message}\nRun 'supervisor scale --help' to see the commands and options.\n", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task ScaleWithoutAnArgumentIsAUsageError()
    {
        var result = await Run("scale", "-p", "app.pid");

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("Run 'supervisor scale --help' to see the commands and options.\n", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop", "0")]
    [InlineData("stop", "-3")]
    [InlineData("scale", "abc")]
    [InlineData("scale", "1.5")]
    public async Task ATimeoutThatIsNoWholeNumberOfSecondsIsAUsageError(string command, string value)
    {
        string[] args = command == "stop" ? ["stop", "--wait", "--timeout", value, "-p", "app.pid"] : ["scale", "--timeout", value, "-p", "app.pid", "+1"];
        var result = await Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"supervisor: error: --timeout must be a whole number of seconds of at least 1, but is '{value}'.\nRun 'supervisor {command} --help' to see the commands and options.\n",
            result.Error);
    }

    [Theory]
    [InlineData("reload", "-p, --pid <FILE>")]
    [InlineData("reload", "--timeout <SECONDS>")]
    [InlineData("stop", "--quick")]
    [InlineData("stop", "--wait")]
    [InlineData("stop", "--timeout <SECONDS>")]
    [InlineData("scale", "<+N|-N>")]
    [InlineData("scale", "--timeout <SECONDS>")]
    [InlineData("status", "--json")]
    [InlineData("status", "-c, --config <FILE>")]
    public async Task HelpDescribesEveryOption(string command, string option)
    {
        var result = await Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        var line = result.Output.Split('\n').Single(l => l.TrimStart().StartsWith(option, StringComparison.Ordinal));
        Assert.True(line.Trim().Length > option.Length + 10, $"no description: '{line}'");
    }
}
