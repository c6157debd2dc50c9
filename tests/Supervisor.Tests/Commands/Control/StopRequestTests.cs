using Supervisor.Commands.Control;
using Supervisor.Status;
using Supervisor.Tests.Commands.Control.Support;

namespace Supervisor.Tests.Commands.Control;

public sealed class StopRequestTests
{
    private readonly StringWriter _output = new();

    [Fact]
    public void SendsTermAndReturns()
    {
        var master = new FakeMasterProcess();

        StopRequest.Stop(master, quick: false, wait: null, _output);

        Assert.Equal(["TERM"], master.Sent);
        Assert.Equal("Sent TERM to the master (pid 4242): stopping gracefully.\n", _output.ToString());
    }

    [Fact]
    public void QuickSendsQuit()
    {
        var master = new FakeMasterProcess();

        StopRequest.Stop(master, quick: true, wait: null, _output);

        Assert.Equal(["QUIT"], master.Sent);
        Assert.Equal("Sent QUIT to the master (pid 4242): stopping now.\n", _output.ToString());
    }

    [Fact]
    public void WaitReturnsOnceTheMasterHasExitedAndSaysSo()
    {
        var master = new FakeMasterProcess();
        master = new FakeMasterProcess { OnSignal = _ => master.Running = false };

        StopRequest.Stop(master, quick: false, wait: TimeSpan.FromSeconds(5), _output);

        Assert.Equal(
            "Sent TERM to the master (pid 4242): stopping gracefully.\nThe master (pid 4242) has stopped.\n",
            _output.ToString());
    }

    [Fact]
    public void WaitGivesUpAfterTheTimeoutSayingWhatToDo()
    {
        var master = new FakeMasterProcess();

        var error = Assert.Throws<ControlException>(() => StopRequest.Stop(master, quick: false, wait: TimeSpan.FromSeconds(0.2), _output));

        Assert.Equal(
            "The master (pid 4242) is still running 0.2s after TERM: its workers may still be finishing requests (up to graceful_timeout). Wait longer with --timeout SECONDS, or stop it at once with 'supervisor stop --quick'.",
            error.Message);
    }

    [Fact]
    public void AQuickStopThatHangsPointsAtKill()
    {
        var master = new FakeMasterProcess();

        var error = Assert.Throws<ControlException>(() => StopRequest.Stop(master, quick: true, wait: TimeSpan.FromSeconds(0.2), _output));

        Assert.Equal("The master (pid 4242) is still running 0.2s after QUIT. See its log for why; 'kill -KILL 4242' ends it at once.", error.Message);
    }
}
