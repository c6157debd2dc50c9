using System.CommandLine;
using System.Globalization;
using Supervisor.Commands;
using Supervisor.Commands.Control;
using Supervisor.Configuration;
using Supervisor.Status;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands;

/// <summary>How a control command finds the master from -p and -c, with the configuration loaded as 'run' loads it.</summary>
public sealed class ControlOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StringWriter _error = new();
    // This process stands for the master, which holds its pidfile open.
    private readonly string _ownPid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";

    public void Dispose() => _directory.Dispose();

    private MasterProcessHandle Find(params string[] args)
    {
        var options = new ControlOptions(new ConfigLoader(_ => null, processorCount: 4), _error);
        var command = new Command("status");
        options.AddTo(command);
        return options.FindMaster(command.Parse(args));
    }

    [Fact]
    public void ARelativePidfileInTheConfigIsRelativeToTheConfigsFolderAndAppIsNotRequired()
    {
        Directory.CreateDirectory(_directory.Combine("conf"));
        Directory.CreateDirectory(_directory.Combine("run"));
        var config = _directory.Write("conf/app.toml", "pidfile = \"../run/app.pid\"\nworkers = 3\n");
        var pidFile = _directory.Write("run/app.pid", _ownPid);
        using var held = File.OpenRead(pidFile);

        var master = Find("-c", config);

        Assert.Equal(pidFile, master.PidFile);
        Assert.Equal(Environment.ProcessId, master.Pid);
        Assert.Equal("", _error.ToString());
    }

    [Fact]
    public void TheFlagWinsOverTheConfig()
    {
        var config = _directory.Write("app.toml", "pidfile = \"/nonexistent/app.pid\"\n");
        var pidFile = _directory.Write("flag.pid", _ownPid);
        using var held = File.OpenRead(pidFile);

        var master = Find("-c", config, "--pid", pidFile);

        Assert.Equal(pidFile, master.PidFile);
    }

    [Fact]
    public void AnInvalidAppInTheConfigDoesNotMatter()
    {
        var config = _directory.Write("app.toml", "app = 5\npidfile = \"app.pid\"\n");
        var pidFile = _directory.Write("app.pid", _ownPid);
        using var held = File.OpenRead(pidFile);

        Assert.Equal(pidFile, Find("-c", config).PidFile);
    }

    [Fact]
    public void AnotherProblemInTheConfigIsListedWithItsPosition()
    {
        var config = _directory.Write("app.toml", "pidfile = \"app.pid\"\nwrokers = 3\n");

        var error = Assert.Throws<ControlException>(() => Find("-c", config));

        Assert.Equal($"Error: {config}:2:1: unknown key 'wrokers'; did you mean 'workers'?\n", _error.ToString());
        Assert.Equal("The configuration has 1 problem, so the master's pidfile is unknown. Fix it, or give the pidfile with -p FILE.", error.Message);
    }
}
