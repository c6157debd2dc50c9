using Supervisor.Commands.Control;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Status;

namespace Supervisor.Tests.Commands.Control;

public sealed class PidFileLocatorTests
{
    private readonly StringWriter _error = new();

    private static ConfigResult Valid(string? pidFile, string? configFile)
    {
        var values = Settings.All.ToDictionary(s => s, s => s.Read(new SettingReader([], 1), s.Default is { } d ? new RawValue(d, ValueOrigin.Default) : null));
        var config = new SupervisorConfig(values, configFile).With(Settings.App, ["x"]).With(Settings.PidFile, pidFile);
        return new ConfigResult(config, []);
    }

    [Fact]
    public void TheFlagWinsAndIsRelativeToTheWorkingDirectoryWithoutReadingTheConfig()
    {
        var path = PidFileLocator.Locate("run/app.pid", () => throw new InvalidOperationException("read the config"), _error);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "run/app.pid"), path);
    }

    [Fact]
    public void WithoutTheFlagItIsTheConfigsPidfile()
    {
        Assert.Equal("/run/app.pid", PidFileLocator.Locate(null, () => Valid("/run/app.pid", "gunicorn.toml"), _error));
    }

    [Fact]
    public void AConfigWithoutAPidfileSaysHowToGiveOne()
    {
        var error = Assert.Throws<ControlException>(() => PidFileLocator.Locate(null, () => Valid(null, "conf/app.toml"), _error));

        Assert.Equal(
            "No pidfile is set, so the master cannot be found: conf/app.toml has no pidfile setting. Give the pidfile with -p FILE, or set pidfile in the config file (pidfile = \"/run/supervisor.pid\").",
            error.Message);
    }

    [Fact]
    public void NoConfigFileAndNoFlagSaysHowToGiveEither()
    {
        var error = Assert.Throws<ControlException>(() => PidFileLocator.Locate(null, () => Valid(null, null), _error));

        Assert.Equal(
            "No pidfile is set, so the master cannot be found: there is no -p and no config file (./gunicorn.toml does not exist). Give the pidfile with -p FILE, or a config file that sets pidfile with -c FILE.",
            error.Message);
    }

    [Fact]
    public void ABrokenConfigListsItsProblemsThenSaysThePidfileIsUnknown()
    {
        var problems = new List<ConfigProblem>
        {
            new(ValueOrigin.File("gunicorn.toml", 1, 1), "unknown key 'wrokers'; did you mean 'workers'?"),
            new(null, "config file not found: other.toml"),
        };

        var error = Assert.Throws<ControlException>(() => PidFileLocator.Locate(null, () => new ConfigResult(null, problems), _error));

        Assert.Equal(
            "Error: gunicorn.toml:1:1: unknown key 'wrokers'; did you mean 'workers'?\nError: config file not found: other.toml\n",
            _error.ToString());
        Assert.Equal("The configuration has 2 problems, so the master's pidfile is unknown. Fix it, or give the pidfile with -p FILE.", error.Message);
    }
}
