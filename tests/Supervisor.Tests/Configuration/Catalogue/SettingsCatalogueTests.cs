using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>Each entry of the catalogue is whole, and what is made from it (flags, printout, worker environment) follows it.</summary>
public sealed class SettingsCatalogueTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public static TheoryData<string> Keys() => [.. Settings.All.Select(s => s.Key)];

    [Fact]
    public void KeysAndFlagsAreEachUsedOnce()
    {
        Assert.Equal(Settings.All.Count, Settings.All.Select(s => s.Key).Distinct().Count());
        var flags = Settings.All.SelectMany(s => new[] { s.Flag, s.ShortFlag }).OfType<string>().ToList();
        Assert.Equal(flags.Count, flags.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EverySettingIsDescribedAndListedInASection(string key)
    {
        var setting = Settings.Find(key)!;

        Assert.Matches("^[a-z][a-z0-9_]*$", setting.Key);
        Assert.Contains(setting.Section, Settings.Sections);
        Assert.False(string.IsNullOrWhiteSpace(setting.Type));
        Assert.EndsWith(".", setting.Help, StringComparison.Ordinal);
        Assert.True(setting.Flag is null || setting.Flag.StartsWith("--", StringComparison.Ordinal), setting.Flag);
        Assert.True(setting.Flag is null || setting.HelpName is not null, $"{key} has a flag without a placeholder for its value");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryDefaultIsValidAndPrintsAsItself(string key)
    {
        var setting = Settings.Find(key)!;
        List<ConfigProblem> problems = [];

        var value = setting.Read(new SettingReader(problems, 4), setting.Default is { } d ? new RawValue(d, ValueOrigin.Default) : null);

        if (setting.Required is null)
        {
            Assert.Empty(problems);
        }

        if (setting.Default is not null)
        {
            Assert.Equal(RawValue.Format(setting.Default), RawValue.Format(setting.Print(value)));
        }
    }

    [Fact]
    public void ARangeIsWrittenOnceForTheReadmeAndTheProblem()
    {
        var backlog = Settings.Find("backlog")!;

        var problem = Assert.Single(_fixture.Problems("app = \"./MyApp\"\nbacklog = 0\n"));

        Assert.Equal("integer 1..65535", backlog.Type);
        Assert.EndsWith("backlog = 0 is not valid: expected an integer from 1 to 65535", problem, StringComparison.Ordinal);
        Assert.Equal("integer seconds, 0..2147483", new WholeNumber(0, WholeNumber.MaxSeconds, "seconds").Type);
        Assert.Equal("a whole number of MiB from 0 to 9 (0 turns it off)", new WholeNumber(0, 9, "MiB", "0 turns it off").Allowed);
    }

    [Fact]
    public void WhatAWorkerMustKnowReachesItsEnvironmentFromTheCatalogue()
    {
        var config = _fixture.Valid("""
            app = "./MyApp"
            keepalive = 7
            graceful_timeout = 9
            backlog = 99
            loglevel = "debug"
            log_format = "json"
            accesslog = "-"
            access_log_format = "%(h)s %(s)s"
            limit_request_line = 100
            limit_request_fields = 10
            limit_request_field_size = 200
            """);
        var start = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/x", Slot = 0, MasterPid = 1 };

        var contract = Settings.All.Aggregate(start, (sofar, setting) => setting.ToWorker(sofar, config.Value(setting)));

        var environment = contract.ToEnvironment();
        Assert.Equal("7", environment[ContractVariables.KeepAlive]);
        Assert.Equal("9", environment[ContractVariables.GracefulTimeout]);
        Assert.Equal("99", environment[ContractVariables.Backlog]);
        Assert.Equal("debug", environment[ContractVariables.LogLevel]);
        Assert.Equal("json", environment[ContractVariables.LogFormat]);
        Assert.Equal("-", environment[ContractVariables.AccessLog]);
        Assert.Equal("%(h)s %(s)s", environment[ContractVariables.AccessLogFormat]);
        Assert.Equal("100", environment[ContractVariables.LimitRequestLine]);
        Assert.Equal("10", environment[ContractVariables.LimitRequestFields]);
        Assert.Equal("200", environment[ContractVariables.LimitRequestFieldSize]);
        Assert.Equal(environment, WorkerContract.Parse(name => environment.GetValueOrDefault(name)).ToEnvironment());
    }

    [Fact]
    public void TheReferenceHasOneTablePerSectionAndOneRowPerSetting()
    {
        var markdown = ReferenceTable.Markdown();

        Assert.Equal(Settings.Sections.Count, markdown.Split("| key | type | default | flag | meaning |").Length - 1);
        Assert.All(Settings.All, s => Assert.Contains($"| `{s.Key}` |", markdown, StringComparison.Ordinal));
        Assert.Contains("| `app` | string or array of strings | required | `-- COMMAND...` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `workers` | integer 1..1000, or \"auto\" | `1` (`$WEB_CONCURRENCY` when set) | `-w`, `--workers` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AHookIsACommandSplitAsAShellSplitsItWithItsExecutableRelativeToTheFile()
    {
        var config = _fixture.Valid("app = \"./MyApp\"\nworker_exit = \"./hooks/notify --to 'ops team'\"\non_exit = [\"logger\", \"bye\"]\nwhen_ready = \"\"\n");

        Assert.Equal([Path.Combine(_fixture.Folder, "hooks/notify"), "--to", "ops team"], config.Get(Settings.WorkerExit));
        Assert.Equal(["logger", "bye"], config.Get(Settings.OnExit));
        Assert.Empty(config.Get(Settings.WhenReady));
        Assert.Empty(config.Get(Settings.OnStarting));
        Assert.Equal(30, config.Get(Settings.HookTimeout));
    }

    [Fact]
    public void AHookThatIsNoCommandIsAProblemNamingIt()
    {
        var problems = _fixture.Problems("app = \"./MyApp\"\non_reload = 3\nworker_abort = \"page 'oncall\"\nhook_timeout = 0\n");

        Assert.Collection(
            problems,
            p => Assert.EndsWith("on_reload = 3 is not valid: expected a command: a string, or an array of strings such as [\"dotnet\", \"app.dll\"]", p, StringComparison.Ordinal),
            p => Assert.EndsWith("worker_abort = \"page 'oncall\" is not valid: the single quote at character 6 is not closed", p, StringComparison.Ordinal),
            p => Assert.EndsWith("hook_timeout = 0 is not valid: expected a whole number of seconds from 1 to 2147483", p, StringComparison.Ordinal));
    }

    public void Dispose() => _fixture.Dispose();
}
