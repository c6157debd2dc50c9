using Supervisor.Worker.Protocol;

namespace Worker.Tests.Protocol;

public sealed class WorkerContractTests
{
    private static readonly Dictionary<string, string> Minimal = new()
    {
        [ContractVariables.ListenFds] = "3,4",
        [ContractVariables.Scoreboard] = "/dev/shm/sv.sb",
        [ContractVariables.Slot] = "2",
        [ContractVariables.MasterPid] = "100",
    };

    private static WorkerContract Parse(Dictionary<string, string> variables, params (string Name, string? Value)[] changes)
    {
        var copy = new Dictionary<string, string>(variables);
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                copy.Remove(name);
            }
            else
            {
                copy[name] = value;
            }
        }

        return WorkerContract.Parse(name => copy.GetValueOrDefault(name));
    }

    private static string ErrorFor(params (string Name, string? Value)[] changes) =>
        Assert.Throws<WorkerContractException>(() => Parse(Minimal, changes)).Message;

    public sealed class Supervision
    {
        [Fact]
        public void AProcessWithoutListenFdsIsNotSupervised()
        {
            Assert.False(WorkerContract.IsSupervised(_ => null));
            Assert.False(WorkerContract.IsSupervised(_ => ""));
            Assert.True(WorkerContract.IsSupervised(name => name == ContractVariables.ListenFds ? "3" : null));
        }
    }

    public sealed class Values
    {
        [Fact]
        public void RequiredVariablesAreReadAndTheRestTakeGunicornDefaults()
        {
            var contract = Parse(Minimal);
            Assert.Equal([3, 4], contract.ListenFds);
            Assert.Equal("/dev/shm/sv.sb", contract.ScoreboardPath);
            Assert.Equal(2, contract.Slot);
            Assert.Equal(100, contract.MasterPid);
            Assert.Equal(0, contract.Generation);
            Assert.Equal(0, contract.MaxRequests);
            Assert.Equal(TimeSpan.FromSeconds(2), contract.KeepAlive);
            Assert.Equal(TimeSpan.FromSeconds(30), contract.GracefulTimeout);
            Assert.Equal(2048, contract.Backlog);
            Assert.Equal((4094, 100, 8190), (contract.LimitRequestLine, contract.LimitRequestFields, contract.LimitRequestFieldSize));
            Assert.Equal(("info", "text", "-", ""), (contract.LogLevel, contract.LogFormat, contract.ErrorLog, contract.AccessLog));
            Assert.Equal(WorkerContract.DefaultAccessLogFormat, contract.AccessLogFormat);
        }

        [Fact]
        public void EveryOptionalVariableIsRead()
        {
            var contract = Parse(
                Minimal,
                (ContractVariables.Generation, "9"),
                (ContractVariables.MaxRequests, "1003"),
                (ContractVariables.KeepAlive, "5"),
                (ContractVariables.GracefulTimeout, "12"),
                (ContractVariables.Backlog, "1234"),
                (ContractVariables.LimitRequestLine, "2000"),
                (ContractVariables.LimitRequestFields, "50"),
                (ContractVariables.LimitRequestFieldSize, "4000"),
                (ContractVariables.LogLevel, "DEBUG"),
                (ContractVariables.LogFormat, "json"),
                (ContractVariables.ErrorLog, "/var/log/error.log"),
                (ContractVariables.AccessLog, "-"),
                (ContractVariables.AccessLogFormat, "%(h)s"));
            Assert.Equal(9, contract.Generation);
            Assert.Equal(1003, contract.MaxRequests);
            Assert.Equal(TimeSpan.FromSeconds(5), contract.KeepAlive);
            Assert.Equal(TimeSpan.FromSeconds(12), contract.GracefulTimeout);
            Assert.Equal(1234, contract.Backlog);
            Assert.Equal((2000, 50, 4000), (contract.LimitRequestLine, contract.LimitRequestFields, contract.LimitRequestFieldSize));
            Assert.Equal(("debug", "json", "/var/log/error.log", "-", "%(h)s"), (contract.LogLevel, contract.LogFormat, contract.ErrorLog, contract.AccessLog, contract.AccessLogFormat));
        }

        [Fact]
        public void TheWakeFdIsReadWhenTheMasterGivesOne() =>
            Assert.Equal(9, Parse(Minimal, (ContractVariables.WakeFd, "9")).WakeFd);

        [Fact]
        public void WithoutAWakeFdTheWorkerHasNoneAndStillStarts()
        {
            Assert.Null(Parse(Minimal).WakeFd);
            Assert.Null(Parse(Minimal, (ContractVariables.WakeFd, "")).WakeFd);
        }

        [Fact]
        public void SpacesAroundFdNumbersAreAllowed() =>
            Assert.Equal([3, 7], Parse(Minimal, (ContractVariables.ListenFds, " 3 , 7")).ListenFds);
    }

    public sealed class Errors
    {
        [Theory]
        [InlineData(ContractVariables.Scoreboard)]
        [InlineData(ContractVariables.Slot)]
        [InlineData(ContractVariables.MasterPid)]
        public void AMissingRequiredVariableIsNamed(string name) =>
            Assert.Equal($"{name} is not set; a supervised worker (SUPERVISOR_LISTEN_FDS is set) needs it.", ErrorFor((name, null)));

        [Theory]
        [InlineData("3,x")]
        [InlineData("3;4")]
        [InlineData("2")]
        [InlineData("-5")]
        [InlineData("3,")]
        public void BadFdListsShowTheExpectedFormAndTheValue(string value) =>
            Assert.Equal(
                $"SUPERVISOR_LISTEN_FDS must list file descriptor numbers (3 or more) separated by commas, e.g. \"3,4\", but is \"{value}\".",
                ErrorFor((ContractVariables.ListenFds, value)));

        [Fact]
        public void AnFdListedTwiceIsRefused() =>
            Assert.Equal("SUPERVISOR_LISTEN_FDS lists a file descriptor twice: \"3,4,3\".", ErrorFor((ContractVariables.ListenFds, "3,4,3")));

        [Theory]
        [InlineData(ContractVariables.Slot, "abc", "0 to 4095")]
        [InlineData(ContractVariables.Slot, "4096", "0 to 4095")]
        [InlineData(ContractVariables.MasterPid, "0", "1 to 2147483647")]
        [InlineData(ContractVariables.MaxRequests, "-1", "0 to 9223372036854775807")]
        [InlineData(ContractVariables.KeepAlive, "2.5", "0 to 2147483")]
        [InlineData(ContractVariables.Backlog, "0", "1 to 65535")]
        [InlineData(ContractVariables.LimitRequestFields, "40000", "0 to 32768")]
        [InlineData(ContractVariables.Generation, "1e3", "0 to 9223372036854775807")]
        [InlineData(ContractVariables.WakeFd, "pipe", "3 to 2147483647")]
        [InlineData(ContractVariables.WakeFd, "2", "3 to 2147483647")]
        [InlineData(ContractVariables.WakeFd, "-4", "3 to 2147483647")]
        public void ABadNumberNamesTheVariableTheRangeAndTheValue(string name, string value, string range) =>
            Assert.Equal($"{name} must be a whole number from {range}, but is \"{value}\".", ErrorFor((name, value)));

        [Fact]
        public void AWakeFdThatIsAlsoAListenerIsRefused() =>
            Assert.Equal(
                "SUPERVISOR_WAKE_FD is 4, which SUPERVISOR_LISTEN_FDS names as a listening socket; the wake pipe needs a descriptor of its own.",
                ErrorFor((ContractVariables.WakeFd, "4")));

        [Fact]
        public void AnUnknownLogLevelListsTheKnownOnes() =>
            Assert.Equal(
                "SUPERVISOR_LOG_LEVEL must be one of debug, info, warning, error, critical, but is \"loud\".",
                ErrorFor((ContractVariables.LogLevel, "loud")));

        [Fact]
        public void AnUnknownLogFormatListsTheKnownOnes() =>
            Assert.Equal("SUPERVISOR_LOG_FORMAT must be one of text, json, but is \"xml\".", ErrorFor((ContractVariables.LogFormat, "xml")));
    }
}
