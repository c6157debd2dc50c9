using Supervisor.Master;
using Supervisor.Master.Workers;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Master;

public sealed class TimeoutPolicyTests
{
    private const long Start = 1_000_000;
    private readonly FakeSlots _slots = new();
    private readonly FakeWorkerProcess _process = new(42, new WorkerSpec(0, 1, 0, null!, []));

    private WorkerRecord Worker(bool ready = true) => new(_process, _process.Spec, Start) { WasReady = ready };

    [Fact]
    public void AHealthyWorkerIsLeftAlone()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: Start + 29_000);

        Assert.Null(TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 30_000, timeoutSeconds: 30));
    }

    [Fact]
    public void ASilentWorkerIsKilledWithItsSilence()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: Start);

        var verdict = TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 31_200, timeoutSeconds: 30);

        Assert.Equal(new TimeoutVerdict(TimeoutKind.Silent, "no heartbeat for 31.2s"), verdict);
    }

    [Fact]
    public void AStuckRequestIsNamedWithItsAgeAndClient()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: Start + 31_000, oldestStart: Start, line: "GET /api/sleep?ms=60000", client: "127.0.0.1");

        var verdict = TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 31_200, timeoutSeconds: 30);

        Assert.Equal(new TimeoutVerdict(TimeoutKind.StuckRequest, "GET /api/sleep?ms=60000 running 31.2s from 127.0.0.1"), verdict);
    }

    [Fact]
    public void AStuckRequestsSecretQueryValuesAreHidden()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: Start + 31_000, oldestStart: Start, line: "GET /login?user=ann&password=hunter2&access_token=abc", client: "127.0.0.1");

        var verdict = TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 31_200, timeoutSeconds: 30);

        Assert.Equal("GET /login?user=ann&password=REDACTED&access_token=REDACTED running 31.2s from 127.0.0.1", verdict?.Detail);
    }

    [Fact]
    public void ARequestWithinTheTimeoutIsLeftAlone()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: Start + 29_000, oldestStart: Start, line: "GET /slow");

        Assert.Null(TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 29_900, timeoutSeconds: 30));
    }

    [Fact]
    public void AWorkerNotReadyWithinTheTimeoutIsAFailedBoot()
    {
        _slots.Set(_process, WorkerState.Booting, heartbeat: Start + 5_000);

        var verdict = TimeoutPolicy.Check(Worker(ready: false), _slots.Read(0), Start + 30_500, timeoutSeconds: 30);

        Assert.Equal(new TimeoutVerdict(TimeoutKind.Boot, "not ready 30.5s after start"), verdict);
    }

    [Fact]
    public void ABootingWorkerGetsTheWholeTimeout()
    {
        Assert.Null(TimeoutPolicy.Check(Worker(ready: false), default, Start + 29_000, timeoutSeconds: 30));
    }

    [Fact]
    public void ASlotOfAnotherProcessIsIgnored()
    {
        _slots.Set(new FakeWorkerProcess(7, _process.Spec), WorkerState.Ready, heartbeat: Start, oldestStart: Start, line: "GET /old");

        var verdict = TimeoutPolicy.Check(Worker(ready: false), _slots.Read(0), Start + 31_000, timeoutSeconds: 30);

        Assert.Equal(TimeoutKind.Boot, verdict!.Kind);
    }

    [Fact]
    public void ZeroTurnsTimeoutsOff()
    {
        _slots.Set(_process, WorkerState.Ready, heartbeat: 1);

        Assert.Null(TimeoutPolicy.Check(Worker(), _slots.Read(0), Start + 10_000_000, timeoutSeconds: 0));
    }
}
