using Supervisor.Commands;
using Supervisor.Status;

namespace Supervisor.Tests.Commands;

public sealed class StacksCommandTests
{
    [Fact]
    public void AllIsEveryLiveWorker() => Assert.Equal([11, 12], StacksCommand.Select([11, 12], "all", 10));

    [Fact]
    public void APidMustBeOneOfTheMastersWorkers()
    {
        Assert.Equal([12], StacksCommand.Select([11, 12], "12", 10));

        var error = Assert.Throws<ControlException>(() => StacksCommand.Select([11, 12], "1", 10));
        Assert.Equal("Process 1 is not a live worker of the master (pid 10); its workers are 11, 12. Only its workers' stacks are read.", error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public void SomethingElseIsNamed() =>
        Assert.Equal(
            "\"-3\" is neither a worker's pid nor all. Give the pid of a worker from 'supervisor status', or all.",
            Assert.Throws<ControlException>(() => StacksCommand.Select([11], "-3", 10)).Message);

    [Fact]
    public void NoWorkerIsAnError() =>
        Assert.Equal("The master (pid 10) has no live worker to read.", Assert.Throws<ControlException>(() => StacksCommand.Select([], "all", 10)).Message);

    [Fact]
    public void AWorkerWithoutStacksGetsALineSayingWhy()
    {
        Assert.Equal("Stacks of worker (pid:11):\nThread 1:\n   at A.B()\n\n", StacksCommand.Report(11, "Thread 1:\n   at A.B()\n"));
        Assert.StartsWith("Stacks of worker (pid:12): cannot be read. A Native AOT worker has none to read;", StacksCommand.Report(12, null), StringComparison.Ordinal);
    }
}
