using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging.Abstractions;
using Supervisor.Worker.Lifecycle;
using Worker.Tests.Support;

namespace Worker.Tests.Lifecycle;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task StoppingEndsTheLoopWithoutThrowing()
    {
        // Every worker stops its heartbeat on the way out; an exception there is CPU spent on every recycle.
        var thrown = new List<Exception>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is OperationCanceledException && Environment.StackTrace.Contains("Lifecycle.Heartbeat.", StringComparison.Ordinal))
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception);
                }
            }
        }

        using var board = new TempScoreboard();
        var slot = board.Master.OpenSlot(0);
        slot.Claim(pid: Environment.ProcessId, generation: 1, now: 1);
        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            var heartbeat = new Heartbeat(slot, new MasterWatch(Environment.ProcessId), NullLogger.Instance, () => { });
            heartbeat.Start();
            heartbeat.Dispose();

            await heartbeat.Loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        lock (thrown)
        {
            Assert.Empty(thrown);
        }
    }

    [Fact]
    public async Task EveryBeatShowsTheOldestRunningRequestInTheSlot()
    {
        using var board = new TempScoreboard();
        var slot = board.Master.OpenSlot(0);
        slot.Claim(pid: Environment.ProcessId, generation: 1, now: 1);
        var inFlight = new Supervisor.Worker.Requests.InFlightRequests(slot);
        inFlight.Enter(new Supervisor.Worker.Requests.InFlightRequest(
            Environment.TickCount64, "GET", "/api/sleep", "?ms=60000", System.Net.IPAddress.Loopback, 40000));
        using var heartbeat = new Heartbeat(slot, new MasterWatch(Environment.ProcessId), NullLogger.Instance, () => { }, inFlight.PublishOldest);

        heartbeat.Start();

        await Eventually.UntilAsync(
            () => board.Master.ReadSlot(0).RequestLine == "GET /api/sleep?ms=60000", TimeSpan.FromSeconds(5), () => "the beat did not show the request");
    }
}
