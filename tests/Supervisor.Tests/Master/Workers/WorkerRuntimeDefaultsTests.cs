using Supervisor.Master.Workers;

namespace Supervisor.Tests.Master.Workers;

public sealed class WorkerRuntimeDefaultsTests
{
    [Fact]
    public void TurnsTheThreadPoolSpinningAndTheConfigurationWatchOff()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };

        WorkerRuntimeDefaults.Apply(environment);

        Assert.Equal("0", environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("false", environment["DOTNET_hostBuilder__reloadConfigOnChange"]);
        Assert.Equal("/usr/bin", environment["PATH"]);
    }

    [Fact]
    public void KeepsWhatTheEnvironmentAlreadySays()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "70",
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "true",
        };

        WorkerRuntimeDefaults.Apply(environment);

        Assert.Equal("70", environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("true", environment["DOTNET_hostBuilder__reloadConfigOnChange"]);
    }
}
