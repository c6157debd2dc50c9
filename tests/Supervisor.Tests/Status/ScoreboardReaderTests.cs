using System.Globalization;
using Supervisor.Commands;
using Supervisor.Platform;
using Supervisor.Status;
using Supervisor.Tests.Commands.Control.Support;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Status;

/// <summary>Reading a master's workers from a scoreboard file, and the table and JSON made of them.</summary>
public sealed class ScoreboardReaderTests : IDisposable
{
    private const int MasterPid = 4242;

    private readonly TempDirectory _directory = new();
    private readonly FakeProc _proc = new(uptimeSeconds: 1000);
    private readonly ScoreboardFolder _board;
    private readonly string _pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private Supervisor.Worker.Scoreboard.SlotWriter? _ready;

    public ScoreboardReaderTests()
    {
        _board = new ScoreboardFolder(_directory.Combine("supervisor-4242"));
        _proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(184), rssKib: 49_459);
    }

    public void Dispose()
    {
        _board.Dispose();
        _proc.Dispose();
        _directory.Dispose();
    }

    /// <summary>Slot 0 ready with requests, 1 a dead worker's, 2 booting, 3 stopping, 4 never used; 0, 2 and 3 are this process.</summary>
    private ScoreboardReader FillAndOpen()
    {
        var ready = _ready = _board.OpenSlot(0);
        ready.Claim(Environment.ProcessId, generation: 1, now: 1);
        ready.TryAdvance(WorkerState.Booting, WorkerState.Ready);
        ready.RequestStarted();
        ready.RequestStarted();
        ready.RequestStarted();
        ready.RequestFinished(200, 1_000);
        ready.RequestFinished(200, 1_000);

        var dead = _board.OpenSlot(1);
        dead.Claim(DeadPid.Value, generation: 1, now: 1);
        dead.TryAdvance(WorkerState.Booting, WorkerState.Ready);

        _board.OpenSlot(2).Claim(Environment.ProcessId, generation: 2, now: 1);

        var stopping = _board.OpenSlot(3);
        stopping.Claim(Environment.ProcessId, generation: 1, now: 1);
        stopping.State = WorkerState.Stopping;

        return ScoreboardReader.Open(MasterPid, _board.Path, _proc.Proc);
    }

    [Fact]
    public void ListsOnlySlotsWhosePidIsAlive()
    {
        using var scoreboard = FillAndOpen();

        var report = scoreboard.Report();

        Assert.Equal(MasterPid, report.MasterPid);
        Assert.Equal([0, 2, 3], report.Workers.Select(w => w.Slot));
        Assert.All(report.Workers, w => Assert.Equal(Environment.ProcessId, w.Pid));
    }

    [Fact]
    public void CountsReadyAndBootingButNotStoppingOrDeadWorkers()
    {
        using var scoreboard = FillAndOpen();

        Assert.Equal(new WorkerCount(Booting: 1, Ready: 1), scoreboard.Count());
    }

    [Fact]
    public void TheTableHasAHeaderLineThenOneAlignedRowPerWorker()
    {
        using var scoreboard = FillAndOpen();

        var table = StatusTable.Render(scoreboard.Report());

        var pid = "PID".PadLeft(_pid.Length);
        Assert.Equal(
            "Master pid 4242: 3 workers\n" +
            $"{pid}  SLOT  STATE       AGE  SERVED  IN FLIGHT       RSS\n" +
            $"{_pid}     0  ready     3m04s       2          1  48.3 MiB\n" +
            $"{_pid}     2  booting   3m04s       0          0  48.3 MiB\n" +
            $"{_pid}     3  stopping  3m04s       0          0  48.3 MiB\n",
            table);
    }

    /// <summary>Slot 0 of <see cref="FillAndOpen"/> with a request that started 5.2 s ago and carries a token.</summary>
    private ScoreboardReader FillWithARunningRequest()
    {
        var reader = FillAndOpen();
        _ready!.PublishOldest(Environment.TickCount64 - 5_200, "10.0.0.7:51234", "GET /api/report?year=2026&access_token=s3cr3t");
        return reader;
    }

    [Fact]
    public void TheFullTableAddsTheOldestRequestWithItsSecretsHidden()
    {
        using var scoreboard = FillWithARunningRequest();

        var rows = StatusTable.Render(scoreboard.Report(), full: true).Split('\n');

        Assert.Matches(@"^ *PID  SLOT  STATE +AGE  SERVED  IN FLIGHT +RSS  RUNNING  CLIENT +OLDEST REQUEST$", rows[1]);
        Assert.Matches(@"  5\.[2-9]s  10\.0\.0\.7:51234  GET /api/report\?year=2026&access_token=REDACTED$", rows[2]);
        Assert.EndsWith("48.3 MiB        -  -" + new string(' ', 15) + "-", rows[3], StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", string.Join('\n', rows), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFullJsonAddsTheOldestRequestToTheWorkersThatHaveOne()
    {
        using var scoreboard = FillWithARunningRequest();

        using var json = System.Text.Json.JsonDocument.Parse(StatusJson.Render(scoreboard.Report(), full: true));

        var workers = json.RootElement.GetProperty("workers").EnumerateArray().ToList();
        var oldest = workers[0].GetProperty("oldest_request");
        Assert.Equal("GET", oldest.GetProperty("method").GetString());
        Assert.Equal("/api/report", oldest.GetProperty("path").GetString());
        Assert.Equal("year=2026&access_token=REDACTED", oldest.GetProperty("query").GetString());
        Assert.Equal("10.0.0.7:51234", oldest.GetProperty("client").GetString());
        Assert.InRange(oldest.GetProperty("running_seconds").GetDouble(), 5.2, 600);
        Assert.False(workers[1].TryGetProperty("oldest_request", out _));
        Assert.Contains("\"query\": \"year=2026&access_token=REDACTED\"", StatusJson.Render(scoreboard.Report(), full: true), StringComparison.Ordinal);
        Assert.DoesNotContain("oldest_request", StatusJson.Render(scoreboard.Report()), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTableShowsADashForWhatProcCannotTell()
    {
        using var emptyProc = new FakeProc();
        using (FillAndOpen())
        {
        }

        using var scoreboard = ScoreboardReader.Open(MasterPid, _board.Path, emptyProc.Proc);
        var rows = StatusTable.Render(scoreboard.Report()).Split('\n');

        Assert.EndsWith("     0  ready       -       2          1    -", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ANoWorkerTableIsTheHeaderAndTheHeadings()
    {
        using var scoreboard = ScoreboardReader.Open(MasterPid, _board.Path, _proc.Proc);

        Assert.Equal("Master pid 4242: 0 workers\nPID  SLOT  STATE  AGE  SERVED  IN FLIGHT  RSS\n", StatusTable.Render(scoreboard.Report()));
    }

    [Fact]
    public void TheJsonIsOneObjectWithSnakeCaseNames()
    {
        using var scoreboard = FillAndOpen();

        var json = StatusJson.Render(scoreboard.Report());

        Assert.Equal(
            $$"""
            {
              "master_pid": 4242,
              "workers": [
                {
                  "pid": {{_pid}},
                  "slot": 0,
                  "state": "ready",
                  "generation": 1,
                  "age_seconds": 184,
                  "requests_served": 2,
                  "requests_in_flight": 1,
                  "rss_bytes": 50646016
                },
                {
                  "pid": {{_pid}},
                  "slot": 2,
                  "state": "booting",
                  "generation": 2,
                  "age_seconds": 184,
                  "requests_served": 0,
                  "requests_in_flight": 0,
                  "rss_bytes": 50646016
                },
                {
                  "pid": {{_pid}},
                  "slot": 3,
                  "state": "stopping",
                  "generation": 1,
                  "age_seconds": 184,
                  "requests_served": 0,
                  "requests_in_flight": 0,
                  "rss_bytes": 50646016
                }
              ]
            }

            """,
            json);
    }

    [Fact]
    public void TheJsonHasNullsForWhatProcCannotTell()
    {
        using var emptyProc = new FakeProc();
        using (FillAndOpen())
        {
        }

        using var scoreboard = ScoreboardReader.Open(MasterPid, _board.Path, emptyProc.Proc);
        var json = StatusJson.Render(scoreboard.Report());

        Assert.Contains("\"age_seconds\": null,", json, StringComparison.Ordinal);
        Assert.Contains("\"rss_bytes\": null\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlotFileAWorkerCutShortOrFilledWithGarbageIsLeftOutAndTheRestAreRead()
    {
        using (FillAndOpen())
        {
        }

        File.WriteAllBytes(ScoreboardLocation.SlotFile(_board.Path, 2), new byte[10]);
        File.WriteAllBytes(ScoreboardLocation.SlotFile(_board.Path, 3), Enumerable.Repeat((byte)0xAB, 576).ToArray());
        using var scoreboard = ScoreboardReader.Open(MasterPid, _board.Path, _proc.Proc);

        Assert.Equal([0], scoreboard.LiveSlots().Select(s => s.Slot));
    }

    public sealed class Open : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public void Dispose() => _directory.Dispose();

        [Fact]
        public void AMissingScoreboardSaysTheMasterMayBeStartingOrNotASupervisor()
        {
            var path = _directory.Combine("supervisor-77");

            var error = Assert.Throws<ControlException>(() => ScoreboardReader.Open(77, path, ProcFs.System));

            Assert.Equal(
                $"Cannot read the workers of the master (pid 77): its scoreboard {path} does not exist. The master may still be starting (try again in a moment), or pid 77 is not a supervisor master.",
                error.Message);
        }

        [Fact]
        public void AFileWhereTheFolderShouldBeSaysWhy()
        {
            var path = _directory.Write("supervisor-77", new string('x', 100));

            var error = Assert.Throws<ControlException>(() => ScoreboardReader.Open(77, path, ProcFs.System));

            Assert.Equal($"Cannot read the scoreboard {path}: it is a file, not a scoreboard folder", error.Message);
        }
    }
}
