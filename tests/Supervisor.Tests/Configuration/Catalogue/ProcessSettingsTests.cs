using Supervisor.Configuration.Catalogue;

namespace Supervisor.Tests.Configuration.Catalogue;

/// <summary>raw_env, umask, reuse_port and daemon read as Gunicorn reads them.</summary>
public sealed class ProcessSettingsTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";

    private readonly ConfigFixture _fixture = new();

    [Theory]
    [InlineData("umask = 18", 18)]
    [InlineData("umask = 0o027", 23)]
    [InlineData("umask = \"0o022\"", 18)]
    [InlineData("umask = \"022\"", 18)]
    [InlineData("umask = \"0x12\"", 18)]
    [InlineData("umask = \"18\"", 18)]
    [InlineData("umask = \"0\"", 0)]
    public void UmaskTakesGunicornsSpellings(string line, int expected)
    {
        Assert.Equal(expected, _fixture.Valid(App + line).Get(Settings.Umask));
    }

    [Theory]
    [InlineData("umask = \"0o1000\"")]
    [InlineData("umask = \"089\"")]
    [InlineData("umask = -1")]
    [InlineData("umask = \"u=rwx\"")]
    public void AUmaskOutOfRangeOrNotANumberIsRefused(string line)
    {
        var problem = Assert.Single(_fixture.Problems(App + line));

        Assert.EndsWith("is not valid: expected a umask from 0 to 0o777: an integer, or a string such as \"0o022\", \"022\" (octal) or \"0x12\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RawEnvFromTheFileAndRepeatedFlagsBecomesPairs()
    {
        var fromFile = _fixture.Valid(App + "raw_env = [\"A=1\", \"B=x=y\", \"C=\"]");
        var fromFlags = _fixture.Valid(App, flags: new() { ["raw_env"] = new object[] { "D=4", "E=five six" } });

        Assert.Equal([new("A", "1"), new("B", "x=y"), new("C", "")], fromFile.Get(Settings.RawEnv));
        Assert.Equal([new("D", "4"), new("E", "five six")], fromFlags.Get(Settings.RawEnv));
        Assert.Empty(_fixture.Valid(App).Get(Settings.RawEnv));
    }

    [Fact]
    public void RawEnvOnTheCommandLineReplacesTheFilesAsGunicornsDoes()
    {
        var config = _fixture.Valid(App + "raw_env = [\"A=1\"]", flags: new() { ["raw_env"] = new object[] { "B=2" } });

        Assert.Equal([new("B", "2")], config.Get(Settings.RawEnv));
    }

    [Fact]
    public void RawEnvWithoutAKeyOrNamingTheContractIsRefused()
    {
        var problems = _fixture.Problems(App + "raw_env = [\"NOEQUALS\", \"=1\", \"SUPERVISOR_SLOT=3\"]");

        Assert.Equal(
        [
            $"{_fixture.Folder}/gunicorn.toml:2:11: raw_env = \"NOEQUALS\" is not valid: expected KEY=VALUE, as in \"ASPNETCORE_ENVIRONMENT=Production\"",
            $"{_fixture.Folder}/gunicorn.toml:2:11: raw_env = \"=1\" is not valid: expected KEY=VALUE, as in \"ASPNETCORE_ENVIRONMENT=Production\"",
            $"{_fixture.Folder}/gunicorn.toml:2:11: raw_env = \"SUPERVISOR_SLOT=3\" is not valid: SUPERVISOR_ variables are the master's contract with its workers and are set by the master",
        ], problems);
    }

    [Fact]
    public void ReusePortIsOffUnlessAsked()
    {
        Assert.False(_fixture.Valid(App).Get(Settings.ReusePort));
        Assert.True(_fixture.Valid(App, flags: new() { ["reuse_port"] = "true" }).Get(Settings.ReusePort));
    }

    [Fact]
    public void DaemonIsOffUnlessAskedInTheFileOrByFlag()
    {
        Assert.False(_fixture.Valid(App).Get(Settings.Daemon));
        Assert.True(_fixture.Valid(App + "daemon = true").Get(Settings.Daemon));
        Assert.True(_fixture.Valid(App, flags: new() { ["daemon"] = "true" }).Get(Settings.Daemon));
    }

    [Fact]
    public void DaemonIsABooleanAndAnythingElseIsRefused()
    {
        var problem = Assert.Single(_fixture.Problems(App + "daemon = \"yes please\""));

        Assert.Equal($"{_fixture.Folder}/gunicorn.toml:2:10: daemon = \"yes please\" is not valid: expected true or false", problem);
    }

    [Fact]
    public void InitgroupsIsAlwaysTrueAndFalseIsRefusedWithWhy()
    {
        Assert.True(_fixture.Valid(App).Get(Settings.Initgroups));
        Assert.True(_fixture.Valid(App + "initgroups = true").Get(Settings.Initgroups));
        Assert.True(_fixture.Valid(App, flags: new() { ["initgroups"] = "true" }).Get(Settings.Initgroups));

        var problem = Assert.Single(_fixture.Problems(App + "initgroups = false"));

        Assert.EndsWith("initgroups = false is not valid: workers always get the supplementary groups of user, which the .NET runtime sets when it starts a process as another user; remove the setting", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcNameIsAPlainName()
    {
        Assert.Equal("orders", _fixture.Valid(App, flags: new() { ["proc_name"] = "orders" }).Get(Settings.ProcName));
        Assert.Null(_fixture.Valid(App).Get(Settings.ProcName));
        Assert.EndsWith("proc_name = \"a/b\" is not valid: a process name has no control characters or slashes",
            Assert.Single(_fixture.Problems(App + "proc_name = \"a/b\"")), StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
