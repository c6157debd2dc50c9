using Supervisor.Master.Workers;

namespace Supervisor.Tests.Master.Workers;

public sealed class WrappedAppTests
{
    // 100 spawned a shell (100) which started 200, which started 300; 400 is elsewhere.
    private static readonly Dictionary<int, int> Parents = new() { [100] = 50, [200] = 100, [300] = 200, [400] = 60, [60] = 1 };

    private static int? ParentOf(int pid) => Parents.TryGetValue(pid, out var parent) ? parent : null;

    [Fact]
    public void TheSpawnedProcessItselfIsFine() => Assert.Null(WrappedApp.Describe(100, 100, ParentOf));

    [Fact]
    public void AnEmptySlotIsFine() => Assert.Null(WrappedApp.Describe(100, 0, ParentOf));

    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    public void ADescendantOfTheSpawnedProcessMeansTheAppWasNotExeced(int slotPid) =>
        Assert.Equal(
            $"Worker failed to boot: the app is not the process the master started (pid 100 reports as pid {slotPid}); make the app command exec the app (exec dotnet app.dll in a wrapper script)",
            WrappedApp.Describe(100, slotPid, ParentOf));

    [Theory]
    [InlineData(400)]
    [InlineData(999)]
    public void AnotherProcessIsNotTakenForAWrappedApp(int slotPid) => Assert.Null(WrappedApp.Describe(100, slotPid, ParentOf));

    [Fact]
    public void AParentLoopEnds()
    {
        // /proc cannot loop, but the walk must end whatever it reads.
        Assert.Null(WrappedApp.Describe(100, 7, pid => pid == 7 ? 8 : 7));
    }

    [Fact]
    public void ParentOfReadsProc()
    {
        using var child = System.Diagnostics.Process.Start("sleep", "30");
        try
        {
            Assert.Equal(Environment.ProcessId, WrappedApp.ParentOf(child.Id));
            Assert.Null(WrappedApp.ParentOf(int.MaxValue));
        }
        finally
        {
            child.Kill();
        }
    }
}
