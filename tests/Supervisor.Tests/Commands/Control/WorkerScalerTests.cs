using Supervisor.Commands.Control;
using Supervisor.Status;
using Supervisor.Tests.Commands.Control.Support;

namespace Supervisor.Tests.Commands.Control;

public sealed class WorkerScalerTests
{
    private readonly StringWriter _output = new();

    /// <summary>A master that does what TTIN and TTOU ask at once, starting from <paramref name="ready"/> workers.</summary>
    private static (FakeMasterProcess Master, Func<WorkerCount> Count) Obedient(int ready)
    {
        var count = new WorkerCount(0, ready);
        var master = new FakeMasterProcess
        {
            OnSignal = signal => count = count with { Ready = count.Ready + (signal == ControlSignal.Ttin ? 1 : -1) },
        };
        return (master, () => count);
    }

    private WorkerScaler Scaler(IMasterProcessHandle master, Func<WorkerCount> count, double timeoutSeconds = 5) =>
        new(master, count, TimeSpan.FromSeconds(timeoutSeconds), _output);

    [Fact]
    public void UpSendsOneTtinPerWorkerAndReportsEachOnceReady()
    {
        var (master, count) = Obedient(ready: 2);

        Scaler(master, count).Scale(new ScaleChange(+2));

        Assert.Equal(["TTIN", "TTIN"], master.Sent);
        Assert.Equal(
            "Sent TTIN to the master (pid 4242): 3 workers ready.\nSent TTIN to the master (pid 4242): 4 workers ready.\n",
            _output.ToString());
    }

    [Fact]
    public void DownSendsOneTtouPerWorker()
    {
        var (master, count) = Obedient(ready: 3);

        Scaler(master, count).Scale(new ScaleChange(-2));

        Assert.Equal(["TTOU", "TTOU"], master.Sent);
        Assert.Equal(
            "Sent TTOU to the master (pid 4242): 2 workers ready.\nSent TTOU to the master (pid 4242): 1 worker ready.\n",
            _output.ToString());
    }

    [Fact]
    public void ABootingWorkerCountsAsOneTheMasterKeeps()
    {
        var count = new WorkerCount(Booting: 1, Ready: 1);
        var master = new FakeMasterProcess { OnSignal = _ => count = new WorkerCount(0, 3) };

        Scaler(master, () => count).Scale(new ScaleChange(+1));

        Assert.Equal("Sent TTIN to the master (pid 4242): 3 workers ready.\n", _output.ToString());
    }

    [Fact]
    public void RefusesToGoBelowOneBeforeSendingAnything()
    {
        var (master, count) = Obedient(ready: 2);

        var error = Assert.Throws<ControlException>(() => Scaler(master, count).Scale(new ScaleChange(-3)));

        Assert.Empty(master.Sent);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal(
            "Cannot scale by -3: the master (pid 4242) has 2 workers, and it keeps at least 1, so -1 is the most it can go down. Nothing was sent.",
            error.Message);
    }

    [Fact]
    public void RefusesToRemoveTheLastWorker()
    {
        var (master, count) = Obedient(ready: 1);

        var error = Assert.Throws<ControlException>(() => Scaler(master, count).Scale(new ScaleChange(-1)));

        Assert.Empty(master.Sent);
        Assert.Equal("Cannot scale by -1: the master (pid 4242) has 1 worker, and it keeps at least 1. Nothing was sent.", error.Message);
    }

    [Fact]
    public void AMasterThatDoesNotReactTimesOutWithWhatItHas()
    {
        var master = new FakeMasterProcess();

        var error = Assert.Throws<ControlException>(() => Scaler(master, () => new WorkerCount(0, 2), timeoutSeconds: 0.2).Scale(new ScaleChange(+1)));

        Assert.Equal(["TTIN"], master.Sent);
        Assert.Equal(
            "Timed out after 0.2s waiting for 3 ready workers: the master (pid 4242) has 2. 'supervisor status' shows each worker and the master's log says why; wait longer with --timeout SECONDS.",
            error.Message);
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void AMasterThatExitsMeanwhileIsReportedAtOnce()
    {
        var master = new FakeMasterProcess();
        master = new FakeMasterProcess { OnSignal = _ => master.Running = false };

        var error = Assert.Throws<ControlException>(() => Scaler(master, () => new WorkerCount(0, 2)).Scale(new ScaleChange(+1)));

        Assert.Equal("The master (pid 4242) exited before the change took effect. See its log for why.", error.Message);
    }
}
