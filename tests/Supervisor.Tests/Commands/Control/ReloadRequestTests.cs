using Supervisor.Commands.Control;
using Supervisor.Host;
using Supervisor.Status;
using Supervisor.Tests.Commands.Control.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Commands.Control;

public sealed class ReloadRequestTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StringWriter _output = new();

    public void Dispose() => _directory.Dispose();

    private string PidFile => _directory.Combine("app.pid");

    private void Answer(long sequence, bool accepted, params string[] reasons) =>
        File.WriteAllText(ReloadOutcome.PathFor(PidFile), new ReloadOutcome(4242, sequence, accepted, reasons).Render());

    [Fact]
    public void AnAcceptedConfigurationReturnsAndSaysSo()
    {
        var master = new FakeMasterProcess { OnSignal = _ => Answer(1, accepted: true) };

        ReloadRequest.Reload(master, PidFile, TimeSpan.FromSeconds(5), _output);

        Assert.Equal(["HUP"], master.Sent);
        Assert.Equal(
            "Sent HUP to the master (pid 4242): reloading.\nThe master (pid 4242) accepted the configuration; its new workers replace the old ones as they become ready.\n",
            _output.ToString());
    }

    [Fact]
    public void ARefusedConfigurationFailsWithTheMastersReasons()
    {
        var master = new FakeMasterProcess { OnSignal = _ => Answer(1, accepted: false, "gunicorn.toml:2:1: unknown key 'wrokers'; did you mean 'workers'?") };

        var error = Assert.Throws<ControlException>(() => ReloadRequest.Reload(master, PidFile, TimeSpan.FromSeconds(5), _output));

        Assert.Equal(
            "The master (pid 4242) refused the configuration and keeps running the previous one:\n"
            + "  gunicorn.toml:2:1: unknown key 'wrokers'; did you mean 'workers'?\n"
            + "Fix the configuration ('supervisor check' lists its problems) and reload again.",
            error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public void AnAnswerFromBeforeTheHupDoesNotCount()
    {
        Answer(3, accepted: true);
        var master = new FakeMasterProcess();

        var error = Assert.Throws<ControlException>(() => ReloadRequest.Reload(master, PidFile, TimeSpan.FromMilliseconds(300), _output));

        Assert.Equal(
            $"The master (pid 4242) did not say within 0.3s whether it accepted the configuration (it writes its answer to {PidFile}.reload). See its log for what happened; wait longer with --timeout SECONDS.",
            error.Message);
    }

    [Fact]
    public void AnAnswerOfAnotherMasterDoesNotCount()
    {
        File.WriteAllText(ReloadOutcome.PathFor(PidFile), new ReloadOutcome(999, 7, true, []).Render());
        var master = new FakeMasterProcess { OnSignal = _ => Answer(1, accepted: false, "bind failed") };

        var error = Assert.Throws<ControlException>(() => ReloadRequest.Reload(master, PidFile, TimeSpan.FromSeconds(5), _output));

        Assert.Contains("  bind failed\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMasterThatExitsInsteadOfAnsweringSaysSo()
    {
        var master = new FakeMasterProcess();
        master = new FakeMasterProcess { OnSignal = _ => master.Running = false };

        var error = Assert.Throws<ControlException>(() => ReloadRequest.Reload(master, PidFile, TimeSpan.FromSeconds(5), _output));

        Assert.Equal("The master (pid 4242) exited before the change took effect. See its log for why.", error.Message);
    }

    [Fact]
    public void AnOutcomeReadsBackAsItWasWritten()
    {
        var outcome = new ReloadOutcome(12, 3, false, ["first reason", "second\nreason"]);
        File.WriteAllText(_directory.Combine("x.reload"), outcome.Render());

        var read = ReloadOutcome.Read(_directory.Combine("x.reload"))!;

        Assert.Equal((12, 3L, false), (read.Pid, read.Sequence, read.Accepted));
        Assert.Equal(["first reason", "second reason"], read.Reasons);
    }
}
