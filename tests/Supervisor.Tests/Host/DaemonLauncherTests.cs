using Supervisor.Host;
using Supervisor.Tests.Configuration;

namespace Supervisor.Tests.Host;

/// <summary>How long <c>run -D</c> waits for a master's workers to be READY before it stops the master.</summary>
public sealed class DaemonLauncherTests : IDisposable
{
    private const string App = "app = \"./MyApp\"\n";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("timeout = 30", 5 * 30 + 60)]
    [InlineData("timeout = 120", 5 * 120 + 60)]
    [InlineData("timeout = 2", 5 * 2 + 60)]
    public void TheWaitCoversEveryBootDeadlineTheMasterAllowsBeforeItHalts(string line, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DaemonLauncher.Deadline(_fixture.Valid(App + line)));
    }

    [Fact]
    public void WithoutATimeoutTheWaitIsStillBoundedAsForGunicornsDefault()
    {
        Assert.Equal(TimeSpan.FromSeconds((5 * 30) + 60), DaemonLauncher.Deadline(_fixture.Valid(App + "timeout = 0")));
    }

    [Fact]
    public void AnEnormousTimeoutWaitsAsLongAsAWaitCanInsteadOfFailing()
    {
        Assert.Equal(DaemonLauncher.LongestWait, DaemonLauncher.Deadline(_fixture.Valid(App + "timeout = 2000000")));
    }
}
