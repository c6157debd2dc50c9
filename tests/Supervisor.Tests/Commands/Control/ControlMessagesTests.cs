using Supervisor.Commands.Control;
using Supervisor.Status;

namespace Supervisor.Tests.Commands.Control;

/// <summary>The messages the tests cannot provoke here: these run as root, which no file mode or signal refuses.</summary>
public sealed class ControlMessagesTests
{
    [Fact]
    public void AnUnreadablePidfileSaysWhoMayReadIt()
    {
        Assert.Equal(
            "Cannot read the pidfile /run/app.pid: permission denied. Run this command as the user that runs the master, or as root.",
            ControlMessages.PidFileDenied("/run/app.pid"));
    }

    [Fact]
    public void ASignalTheMasterMayNotBeSentSaysWhoMaySendIt()
    {
        Assert.Equal(
            "Cannot send HUP to the master (pid 1234): permission denied. Run this command as the user that runs the master, or as root.",
            ControlMessages.SignalDenied(ControlSignal.Hup, 1234));
    }

    [Fact]
    public void AnotherSignalFailureGivesTheErrno()
    {
        Assert.Equal(
            "Cannot send TERM to the master (pid 1234): the system refused with errno 22.",
            ControlMessages.SignalFailed(ControlSignal.Term, 1234, 22));
    }

    [Fact]
    public void AnUnopenableScoreboardSaysWhoMayOpenIt()
    {
        Assert.Equal(
            "Cannot open the scoreboard /dev/shm/supervisor-1234: permission denied. Run this command as the user that runs the master, or as root.",
            StatusMessages.ScoreboardDenied("/dev/shm/supervisor-1234"));
    }

    [Fact]
    public void AnUnreadablePidfileForAnotherReasonGivesTheReason()
    {
        Assert.Equal("Cannot read the pidfile /run/app.pid: Input/output error", ControlMessages.PidFileUnreadable("/run/app.pid", "Input/output error"));
    }
}
