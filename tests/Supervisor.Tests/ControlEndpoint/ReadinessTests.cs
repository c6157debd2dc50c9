using Supervisor.ControlEndpoint;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.ControlEndpoint;

public sealed class ReadinessTests
{
    [Fact]
    public void IsReadyWithOneReadyWorker() =>
        Assert.Null(Readiness.NotReadyReason(draining: false, [WorkerState.Booting, WorkerState.Ready, WorkerState.Retiring]));

    [Fact]
    public void IsNotReadyWhileDrainingEvenWithReadyWorkers() =>
        Assert.Equal("draining", Readiness.NotReadyReason(draining: true, [WorkerState.Ready, WorkerState.Ready]));

    [Theory]
    [InlineData("")]
    [InlineData("Booting")]
    [InlineData("Retiring Stopping")]
    public void IsNotReadyWithoutAReadyWorker(string states) =>
        Assert.Equal("no worker is ready", Readiness.NotReadyReason(draining: false,
            states.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<WorkerState>)));
}
