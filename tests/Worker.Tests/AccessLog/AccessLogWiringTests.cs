using Microsoft.Extensions.DependencyInjection;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Worker.Tests.AccessLog;

public sealed class AccessLogWiringTests
{
    private static bool Registers(string accessLog, bool enabled)
    {
        var services = new ServiceCollection();
        var contract = new WorkerContract { ListenFds = [3], ScoreboardPath = "/dev/shm/slot-0", Slot = 0, MasterPid = 1, AccessLog = accessLog };
        AccessLogWiring.Register(services, contract, new LogReopenSignal(), enabled);
        return services.Any(d => d.ServiceType == typeof(AccessLogWriter));
    }

    [Fact]
    public void WritesTheAccessLogTheMasterAsksFor()
    {
        Assert.True(Registers("-", enabled: true));
        Assert.False(Registers("", enabled: true));
    }

    [Fact]
    public void AnAppThatTurnedItsAccessLogOffWritesNone()
    {
        Assert.False(Registers("-", enabled: false));
    }
}
