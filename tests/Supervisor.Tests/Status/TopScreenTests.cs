using Supervisor.Platform;
using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Status;

public sealed class TopScreenTests
{
    private static readonly StatusReport Report = new(4242,
    [
        new WorkerStatus(101, 0, WorkerState.Ready, 1, TimeSpan.FromSeconds(75), 130, 1, 50 * 1024 * 1024,
            new OldestRequest("GET", "/api/report", "year=2026&token=REDACTED", "10.0.0.7:5000", TimeSpan.FromMilliseconds(5_240))),
        new WorkerStatus(102, 1, WorkerState.Booting, 2, TimeSpan.FromSeconds(1), 0, 0, null),
    ]);

    [Fact]
    public void ShowsTotalsQueuesAndARowPerWorkerWithItsRateAndOldestRequest()
    {
        var lines = TopScreen.Render(Report, new Dictionary<int, long> { [101] = 100 }, 2.0, [("0.0.0.0:8000", 3)], new DateTimeOffset(2026, 12, 2, 10, 0, 5, TimeSpan.Zero));

        Assert.Equal(
        [
            "supervisor top - master 4242, 2 workers - 10:00:05 - q quits",
            "Requests: 15.0/s, 1 in flight, 130 served by these workers",
            "Listen queue: 0.0.0.0:8000 3 waiting",
            "",
            "PID  SLOT  STATE      AGE  REQ/S  IN FLIGHT       RSS  RUNNING  OLDEST REQUEST",
            "101     0  ready    1m15s   15.0          1  50.0 MiB     5.2s  GET /api/report?year=2026&token=REDACTED",
            "102     1  booting     1s      -          0         -        -  -",
        ], lines);
    }

    [Fact]
    public void TheFirstScreenHasNoRatesYet()
    {
        var lines = TopScreen.Render(Report, new Dictionary<int, long>(), 0, [], DateTimeOffset.UnixEpoch);

        Assert.Equal("Requests: 0.0/s, 1 in flight, 130 served by these workers", lines[1]);
        Assert.Equal("Listen queue: -", lines[2]);
        Assert.Contains("ready    1m15s      -", lines[5], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0100007F:1F90", "127.0.0.1:8080")]
    [InlineData("00000000:0050", "0.0.0.0:80")]
    [InlineData("00000000000000000000000001000000:1F90", "[::1]:8080")]
    [InlineData("nonsense", null)]
    public void ListeningAddressesReadAsTheKernelWritesThem(string field, string? address) =>
        Assert.Equal(address, ListenQueues.Address(field));
}
