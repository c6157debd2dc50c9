using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Worker.Logging;

namespace Supervisor.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void EveryKeyHasGunicornsDefault()
    {
        var config = _fixture.Valid(App);

        Assert.Equal([Path.Combine(_fixture.Folder, "MyApp")], config.Get(Settings.App));
        Assert.Equal(1, config.Get(Settings.Workers));
        Assert.Equal("127.0.0.1:8000", Assert.Single(config.Get(Settings.Bind)).ToString());
        Assert.Equal(30, config.Get(Settings.Timeout));
        Assert.Equal(30, config.Get(Settings.GracefulTimeout));
        Assert.Equal(2048, config.Get(Settings.Backlog));
        Assert.Equal(0, config.Get(Settings.MaxRequests));
        Assert.Equal(0, config.Get(Settings.MaxRequestsJitter));
        Assert.Equal(2, config.Get(Settings.KeepAlive));
        Assert.Equal(LogLevelName.Info, config.Get(Settings.LogLevel));
        Assert.Null(config.Get(Settings.AccessLog));
        Assert.Equal("-", config.Get(Settings.ErrorLog));
        Assert.Equal("%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"", config.Get(Settings.AccessLogFormat));
        Assert.Equal(LogFormat.Text, config.Get(Settings.LogFormat));
        Assert.Null(config.Get(Settings.PidFile));
        Assert.Equal(4094, config.Get(Settings.LimitRequestLine));
        Assert.Equal(100, config.Get(Settings.LimitRequestFields));
        Assert.Equal(8190, config.Get(Settings.LimitRequestFieldSize));
        Assert.Equal(AppMode.Auto, config.Get(Settings.AppMode));
    }

    [Fact]
    public void EveryKeyIsReadFromTheFile()
    {
        var config = _fixture.Valid("""
            app = ["dotnet", "out/app.dll", "--flag"]
            workers = 3
            bind = ["0.0.0.0:8000", "unix:run/app.sock"]
            timeout = 120
            graceful_timeout = 20
            backlog = 1024
            max_requests = 1000
            max_requests_jitter = 50
            keepalive = 65
            loglevel = "WARNING"
            accesslog = "logs/access.log"
            errorlog = "/var/log/error.log"
            access_log_format = "%(h)s %(r)s"
            log_format = "json"
            pidfile = "run/app.pid"
            limit_request_line = 0
            limit_request_fields = 50
            limit_request_field_size = 0
            app_mode = "inject"
            slow_request_timeout = 5
            control_token_file = "run/token"
            """);

        Assert.Equal(["dotnet", "out/app.dll", "--flag"], config.Get(Settings.App));
        Assert.Equal(3, config.Get(Settings.Workers));
        Assert.Equal(["0.0.0.0:8000", "unix:" + Path.Combine(_fixture.Folder, "run/app.sock")], config.Get(Settings.Bind).Select(b => b.ToString()));
        Assert.Equal(120, config.Get(Settings.Timeout));
        Assert.Equal(20, config.Get(Settings.GracefulTimeout));
        Assert.Equal(1024, config.Get(Settings.Backlog));
        Assert.Equal(1000, config.Get(Settings.MaxRequests));
        Assert.Equal(50, config.Get(Settings.MaxRequestsJitter));
        Assert.Equal(65, config.Get(Settings.KeepAlive));
        Assert.Equal(LogLevelName.Warning, config.Get(Settings.LogLevel));
        Assert.Equal(Path.Combine(_fixture.Folder, "logs/access.log"), config.Get(Settings.AccessLog));
        Assert.Equal("/var/log/error.log", config.Get(Settings.ErrorLog));
        Assert.Equal("%(h)s %(r)s", config.Get(Settings.AccessLogFormat));
        Assert.Equal(LogFormat.Json, config.Get(Settings.LogFormat));
        Assert.Equal(Path.Combine(_fixture.Folder, "run/app.pid"), config.Get(Settings.PidFile));
        Assert.Equal(0, config.Get(Settings.LimitRequestLine));
        Assert.Equal(50, config.Get(Settings.LimitRequestFields));
        Assert.Equal(0, config.Get(Settings.LimitRequestFieldSize));
        Assert.Equal(AppMode.Inject, config.Get(Settings.AppMode));
        Assert.Equal(5, config.Get(Settings.SlowRequestTimeout));
        Assert.Equal(Path.Combine(_fixture.Folder, "run/token"), config.Get(Settings.ControlTokenFile));
    }

    [Fact]
    public void ChdirIsAFolderRelativeToTheConfigFile()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.Folder, "site"));

        Assert.Equal(Path.Combine(_fixture.Folder, "site"), _fixture.Valid(App + "chdir = \"site\"").Get(Settings.Chdir));
        Assert.Null(_fixture.Valid(App).Get(Settings.Chdir));
    }

    [Fact]
    public void AChdirThatDoesNotExistIsRefused()
    {
        var problem = Assert.Single(_fixture.Problems(App + "chdir = \"nowhere\""));

        Assert.EndsWith($"chdir = \"nowhere\" is not valid: the folder {Path.Combine(_fixture.Folder, "nowhere")} does not exist", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AStringAppIsSplitLikeAShellWould()
    {
        var config = _fixture.Valid("app = 'dotnet \"my app.dll\" --x'");

        Assert.Equal(["dotnet", "my app.dll", "--x"], config.Get(Settings.App));
    }

    [Fact]
    public void DashMeansStandardStreamsForTheLogs()
    {
        var config = _fixture.Valid(App + "accesslog = \"-\"\nerrorlog = \"-\"\n");

        Assert.Equal("-", config.Get(Settings.AccessLog));
        Assert.Equal("-", config.Get(Settings.ErrorLog));
    }

    [Fact]
    public void AutoWorkersIsTwicetheCpusPlusOne()
    {
        Assert.Equal((2 * ConfigFixture.Cpus) + 1, _fixture.Valid(App + "workers = \"auto\"").Get(Settings.Workers));
    }

    public sealed class Precedence : IDisposable
    {
        private readonly ConfigFixture _fixture = new();

        public void Dispose() => _fixture.Dispose();

        [Fact]
        public void TheEnvironmentOverridesTheDefaults()
        {
            _fixture.Environment["WEB_CONCURRENCY"] = "6";
            _fixture.Environment["PORT"] = "9123";

            var config = _fixture.Valid(App);

            Assert.Equal(6, config.Get(Settings.Workers));
            Assert.Equal("0.0.0.0:9123", Assert.Single(config.Get(Settings.Bind)).ToString());
        }

        [Fact]
        public void TheFileOverridesTheEnvironment()
        {
            _fixture.Environment["WEB_CONCURRENCY"] = "6";
            _fixture.Environment["PORT"] = "9123";

            var config = _fixture.Valid(App + "workers = 2\nbind = \"127.0.0.1:7000\"\n");

            Assert.Equal(2, config.Get(Settings.Workers));
            Assert.Equal("127.0.0.1:7000", Assert.Single(config.Get(Settings.Bind)).ToString());
        }

        [Fact]
        public void TheFlagsVariableOverridesTheFile()
        {
            var config = _fixture.Valid(App + "workers = 2\n", commandArgs: new() { ["workers"] = "5" });

            Assert.Equal(5, config.Get(Settings.Workers));
        }

        [Fact]
        public void TheCommandLineOverridesTheFlagsVariable()
        {
            var config = _fixture.Valid(App + "workers = 2\n",
                flags: new() { ["workers"] = "7" },
                commandArgs: new() { ["workers"] = "5" });

            Assert.Equal(7, config.Get(Settings.Workers));
        }

        [Fact]
        public void RelativePathsFromTheCommandLineResolveAgainstTheWorkingDirectory()
        {
            var config = _fixture.Valid(App, flags: new() { ["pidfile"] = "app.pid" });

            Assert.Equal(Path.Combine(Environment.CurrentDirectory, "app.pid"), config.Get(Settings.PidFile));
        }
    }

    public sealed class Binds : IDisposable
    {
        private readonly ConfigFixture _fixture = new();

        public void Dispose() => _fixture.Dispose();

        [Theory]
        [InlineData("127.0.0.1:8000", "127.0.0.1", 8000)]
        [InlineData("0.0.0.0:80", "0.0.0.0", 80)]
        [InlineData("localhost", "localhost", 8000)]
        [InlineData(":9000", "0.0.0.0", 9000)]
        [InlineData("tcp://10.1.2.3:81", "10.1.2.3", 81)]
        [InlineData("[::1]:8001", "::1", 8001)]
        [InlineData("[::]:8002", "::", 8002)]
        public void TcpAddressesParse(string text, string host, int port)
        {
            var bind = Assert.Single(_fixture.Valid(App + $"bind = \"{text}\"").Get(Settings.Bind));

            Assert.Equal(BindKind.Tcp, bind.Kind);
            Assert.Equal(host, bind.Host);
            Assert.Equal(port, bind.Port);
        }

        [Fact]
        public void UnixSocketPathsResolveAgainstTheConfigFolder()
        {
            var binds = _fixture.Valid(App + "bind = [\"unix:app.sock\", \"unix:///tmp/x.sock\"]").Get(Settings.Bind);

            Assert.Equal(Path.Combine(_fixture.Folder, "app.sock"), binds[0].Path);
            Assert.Equal("/tmp/x.sock", binds[1].Path);
            Assert.All(binds, b => Assert.Equal(BindKind.Unix, b.Kind));
        }

        [Fact]
        public void InheritedDescriptorsParse()
        {
            var bind = Assert.Single(_fixture.Valid(App + "bind = \"fd://3\"").Get(Settings.Bind));

            Assert.Equal(BindKind.FileDescriptor, bind.Kind);
            Assert.Equal(3, bind.Fd);
        }

        [Fact]
        public void RepeatedBindFlagsGiveSeveralListeners()
        {
            var binds = _fixture.Valid(App, flags: new() { ["bind"] = new object[] { "127.0.0.1:1", "[::1]:2" } }).Get(Settings.Bind);

            Assert.Equal(["127.0.0.1:1", "[::1]:2"], binds.Select(b => b.ToString()));
        }

        [Theory]
        [InlineData("127.0.0.1:abc", "bind = \"127.0.0.1:abc\" is not valid: 'abc' is not a valid port number (0..65535)")]
        [InlineData("127.0.0.1:70000", "'70000' is not a valid port number (0..65535)")]
        [InlineData("fd://x", "bind = \"fd://x\" is not valid: 'x' is not a valid file descriptor")]
        [InlineData("::1:8000", "an IPv6 address is written in brackets, as in [::1]:8000")]
        [InlineData("unix:", "a unix socket needs a path, as in unix:/run/app.sock")]
        [InlineData("", "bind = \"\" is not valid: an address cannot be empty; write one such as 127.0.0.1:8000 (or 0.0.0.0:8000 for every interface)")]
        [InlineData("  ", "bind = \"  \" is not valid: an address cannot be empty")]
        public void BadAddressesSayWhatIsAllowed(string text, string expected)
        {
            var problem = Assert.Single(_fixture.Problems(App + $"bind = \"{text}\""));

            Assert.Contains(expected, problem, StringComparison.Ordinal);
            Assert.StartsWith(Path.Combine(_fixture.Folder, "gunicorn.toml") + ":2:8: ", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void AnEmptyBindFlagIsRefused()
        {
            var problem = Assert.Single(_fixture.Problems(App, flags: new() { ["bind"] = new object[] { "" } }));

            Assert.StartsWith("command line (--bind): bind = \"\" is not valid: an address cannot be empty", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void AUnixSocketPathIsAtMost107Bytes()
        {
            // sun_path holds 108 bytes with its NUL: 107 is the longest path a bind() takes.
            var longest = "/tmp/" + new string('s', 107 - "/tmp/".Length);
            var tooLong = longest + "s";

            var bind = Assert.Single(_fixture.Valid(App + $"bind = \"unix:{longest}\"").Get(Settings.Bind));
            var problem = Assert.Single(_fixture.Problems(App + $"bind = \"unix:{tooLong}\""));

            Assert.Equal(longest, bind.Path);
            Assert.Equal(
                $"{Path.Combine(_fixture.Folder, "gunicorn.toml")}:2:8: bind = \"unix:{tooLong}\" is not valid: the socket path {tooLong} is 108 bytes long, and a unix socket path can be at most 107; choose a shorter path",
                problem);
        }

        [Fact]
        public void AUnixSocketPathIsCountedInBytesOnceResolved()
        {
            // A relative path counts with the folder it resolves against, and a non-ASCII letter as its UTF-8 bytes.
            var name = new string('é', 60) + ".sock";

            var problem = Assert.Single(_fixture.Problems(App + $"bind = \"unix:{name}\""));

            Assert.Contains($"the socket path {Path.Combine(_fixture.Folder, name)} is ", problem, StringComparison.Ordinal);
        }
    }

    public sealed class Problems : IDisposable
    {
        private readonly ConfigFixture _fixture = new();

        public void Dispose() => _fixture.Dispose();

        private string File => Path.Combine(_fixture.Folder, "gunicorn.toml");

        [Fact]
        public void ATypeMismatchNamesTheKeyTheValueAndWhatIsAllowed()
        {
            var problem = Assert.Single(_fixture.Problems(App + "workers = \"three\""));

            Assert.Equal($"{File}:2:11: workers = \"three\" is not valid: expected an integer from 1 to 1000, or \"auto\" (2 x CPUs + 1)", problem);
        }

        [Fact]
        public void ANegativeWorkerCountIsOutOfRange()
        {
            var problem = Assert.Single(_fixture.Problems(App + "workers = -2"));

            Assert.Equal($"{File}:2:11: workers = -2 is not valid: expected an integer from 1 to 1000, or \"auto\" (2 x CPUs + 1)", problem);
        }

        [Fact]
        public void AnUnknownKeySuggestsTheNearestKnownOne()
        {
            var problem = Assert.Single(_fixture.Problems(App + "wrokers = 3"));

            Assert.Equal($"{File}:2:1: unknown key 'wrokers'; did you mean 'workers'?", problem);
        }

        [Fact]
        public void AnUnknownKeyFarFromAnyKnownOneSaysWhereToLook()
        {
            var problem = Assert.Single(_fixture.Problems(App + "colour = 3"));

            Assert.Equal($"{File}:2:1: unknown key 'colour'; the known keys are listed by 'supervisor check --print'", problem);
        }

        [Fact]
        public void GunicornsFlagSpellingIsSuggestedItsKey()
        {
            var problem = Assert.Single(_fixture.Problems(App + "max-requests = 3"));

            Assert.Contains("did you mean 'max_requests'?", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void ATableIsAnUnknownKey()
        {
            var problem = Assert.Single(_fixture.Problems(App + "[server]\nworkers = 2\n"));

            Assert.Equal($"{File}:2:1: unknown table [server]; every setting is a top-level key, as in workers = 3", problem);
        }

        [Fact]
        public void ASyntaxErrorHasItsLineAndColumn()
        {
            var problems = _fixture.Problems(App + "timeout = = 3");

            Assert.Equal($"{File}:2:11: syntax error: Unexpected token `=` for a value", problems[0]);
        }

        [Fact]
        public void ARemoteControlEndpointNeedsATokenFile()
        {
            var problems = _fixture.Problems(App + "control_bind = \"0.0.0.0:9100\"\ncontrol_allow_remote = true\n");

            Assert.Contains(problems, p => p.EndsWith(
                "control_allow_remote = true needs control_token_file: a file holding the token the control endpoint then asks for, or anyone who can reach control_bind can read /metrics and /status",
                StringComparison.Ordinal));
            Assert.True(_fixture.Valid(App + "control_bind = \"0.0.0.0:9100\"\ncontrol_allow_remote = true\ncontrol_token_file = \"token\"\n").Get(Settings.ControlAllowRemote));
        }

        [Fact]
        public void ADuplicateKeyIsASyntaxError()
        {
            var problems = _fixture.Problems(App + "workers = 2\nworkers = 3\n");

            Assert.Contains($"{File}:3:1: syntax error: The key `workers` is already defined", problems[0], StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("backlog = 0", "backlog = 0 is not valid: expected an integer from 1 to 65535")]
        [InlineData("backlog = 65536", "backlog = 65536 is not valid: expected an integer from 1 to 65535")]
        [InlineData("timeout = -1", "timeout = -1 is not valid: expected a whole number of seconds from 0 to 2147483 (0 turns it off)")]
        [InlineData("timeout = 1.5", "timeout = 1.5 is not valid: expected a whole number of seconds from 0 to 2147483 (0 turns it off)")]
        [InlineData("graceful_timeout = \"30\"", "graceful_timeout = \"30\" is not valid: expected a whole number of seconds from 0 to 2147483")]
        [InlineData("slow_request_timeout = -1", "slow_request_timeout = -1 is not valid: expected a whole number of seconds from 0 to 2147483 (0 turns it off)")]
        [InlineData("keepalive = true", "keepalive = true is not valid: expected a whole number of seconds from 0 to 2147483")]
        [InlineData("max_requests = -5", "max_requests = -5 is not valid: expected an integer >= 0 (0 turns recycling off)")]
        [InlineData("loglevel = \"verbose\"", "loglevel = \"verbose\" is not valid: expected one of debug, info, warning, error, critical")]
        [InlineData("log_format = \"xml\"", "log_format = \"xml\" is not valid: expected one of text, json")]
        [InlineData("app_mode = \"hook\"", "app_mode = \"hook\" is not valid: expected one of auto, library, inject")]
        [InlineData("limit_request_line = 9000", "limit_request_line = 9000 is not valid: expected an integer from 0 to 8190 (0 means unlimited)")]
        [InlineData("limit_request_fields = 0", "limit_request_fields = 0 is not valid: expected an integer from 1 to 32768")]
        [InlineData("limit_request_field_size = -1", "limit_request_field_size = -1 is not valid: expected an integer >= 0 (0 means unlimited)")]
        [InlineData("access_log_format = \"\"", "access_log_format = \"\" is not valid: expected a non-empty string")]
        [InlineData("pidfile = 3", "pidfile = 3 is not valid: expected a file path as a string")]
        [InlineData("accesslog = [\"a\"]", "accesslog = [\"a\"] is not valid: expected a file path as a string, or \"-\"")]
        [InlineData("bind = []", "bind = [] is not valid: expected an address or an array of addresses")]
        [InlineData("workers = 1979-05-27", "workers = 1979-05-27 is not valid")]
        [InlineData("workers = 1001", "workers = 1001 is not valid: expected an integer from 1 to 1000")]
        [InlineData("timeout = 2147484", "timeout = 2147484 is not valid: expected a whole number of seconds from 0 to 2147483")]
        [InlineData("keepalive = 99999999999", "keepalive = 99999999999 is not valid: expected a whole number of seconds from 0 to 2147483")]
        public void OutOfRangeAndMistypedValuesAreNamed(string line, string expected)
        {
            var problem = Assert.Single(_fixture.Problems(App + line));

            Assert.Contains(expected, problem, StringComparison.Ordinal);
            Assert.StartsWith($"{File}:2:", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void AUserThatDoesNotExistIsRefused()
        {
            var problem = Assert.Single(_fixture.Problems(App + "user = \"no-such-user-here\""));

            Assert.Equal($"{File}:2:8: user = \"no-such-user-here\" is not valid: expected the name of a user that exists on this system", problem);
        }

        [Fact]
        public void AGroupOtherThanTheUsersPrimaryOneIsRefused()
        {
            var problem = Assert.Single(_fixture.Problems(App + "user = \"nobody\"\ngroup = \"root\""));

            Assert.Equal($"{File}:3:9: group = \"root\" is not valid: it must be the primary group of user nobody", problem);
        }

        [Fact]
        public void AUserAndItsPrimaryGroupAreAccepted()
        {
            var config = _fixture.Valid(App + "user = \"nobody\"\ngroup = \"nogroup\"");

            Assert.Equal("nobody", config.Get(Settings.User)?.Name);
            Assert.Equal((65534u, 65534u), config.WorkerOwner);
        }

        [Fact]
        public void JitterAboveMaxRequestsIsRefused()
        {
            var problem = Assert.Single(_fixture.Problems(App + "max_requests = 10\nmax_requests_jitter = 20\n"));

            Assert.Equal($"{File}:3:23: max_requests_jitter = 20 is not valid: it must not be above max_requests (10)", problem);
        }

        [Fact]
        public void AJitterWithoutRecyclingIsIgnoredAsGunicornDoes()
        {
            var fromFile = _fixture.Valid(App + "max_requests_jitter = 20\n");
            var zeroFlag = _fixture.Valid(App + "max_requests = 100\nmax_requests_jitter = 20\n", flags: new() { ["max_requests"] = "0" });

            Assert.Equal((0, 20), (fromFile.Get(Settings.MaxRequests), fromFile.Get(Settings.MaxRequestsJitter)));
            Assert.Equal((0, 20), (zeroFlag.Get(Settings.MaxRequests), zeroFlag.Get(Settings.MaxRequestsJitter)));
        }

        [Fact]
        public void AnEmptyAppIsRefused()
        {
            var problem = Assert.Single(_fixture.Problems("app = []"));

            Assert.Contains("app = [] is not valid: expected a non-empty command", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void AMissingAppSaysWhereToSetIt()
        {
            var problem = Assert.Single(_fixture.Problems("workers = 2"));

            Assert.StartsWith("no worker command: set app in the config file", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void AMissingFileIsNamed()
        {
            var missing = Path.Combine(_fixture.Folder, "nope.toml");
            var result = _fixture.Load(missing, FlagValues.None, FlagValues.None);

            Assert.Contains($"config file not found: {missing}", result.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void AnUnreadableFileIsNamed()
        {
            var result = _fixture.Load(_fixture.Folder, FlagValues.None, FlagValues.None);

            Assert.Contains($"cannot read the config file {_fixture.Folder}: it is a directory", result.Problems.Select(p => p.ToString()));
        }

        [Fact]
        public void ABadFlagNamesTheFlag()
        {
            var problem = Assert.Single(_fixture.Problems(App, flags: new() { ["workers"] = "abc" }));

            Assert.Equal("command line (--workers): workers = \"abc\" is not valid: expected an integer from 1 to 1000, or \"auto\" (2 x CPUs + 1)", problem);
        }

        [Fact]
        public void ABadEnvironmentVariableIsNamed()
        {
            _fixture.Environment["WEB_CONCURRENCY"] = "lots";

            var problem = Assert.Single(_fixture.Problems(App));

            Assert.StartsWith("environment variable WEB_CONCURRENCY: workers = \"lots\" is not valid", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void EveryProblemIsReportedAtOnceInFileOrder()
        {
            var problems = _fixture.Problems("""
                workers = "three"
                wrokers = 3
                timeout = = 3
                backlog = 0
                app = "x"
                """);

            Assert.Equal(5, problems.Count);
            Assert.Equal([1, 2, 3, 3, 4], problems.Select(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
