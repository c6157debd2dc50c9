using Supervisor.Worker.Protocol;
using Worker.Tests.Support;
using SupervisorScoreboard = Supervisor.Worker.Scoreboard.Scoreboard;

namespace Worker.Tests.Scoreboard;

public sealed class ScoreboardTests
{
    public sealed class CreateAndOpen
    {
        [Fact]
        public void ANewScoreboardHasEmptySlotsAndTheRightSize()
        {
            using var board = new TempScoreboard(slots: 3);
            Assert.Equal(3, board.Master.SlotCount);
            Assert.Equal(ScoreboardLayout.FileSize(3), new FileInfo(board.Path).Length);
            Assert.Equal(new SlotSnapshot(WorkerState.Empty, 0, 0, 0, 0, 0, 0, "", "", true), board.Master.ReadSlot(2));
        }

        [Fact]
        public void TheFileIsReadAndWrittenByItsOwnerOnly()
        {
            // Its slots hold request lines, and a query string may hold a token. (Under other umasks: tests/Integration.)
            using var board = new TempScoreboard();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(board.Path));
        }

        [Fact]
        public void AFileThatIsAlreadyThereIsNotTakenOver()
        {
            using var board = new TempScoreboard();
            Assert.Throws<IOException>(() => SupervisorScoreboard.Create(board.Path, 1));
        }

        [Fact]
        public void AFileOfOneWorkersOwnHoldsOnlyThatSlot()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"worker-tests-{Guid.NewGuid():N}.sb");
            try
            {
                using (var master = SupervisorScoreboard.Create(path, slotCount: 1, firstSlot: 7))
                {
                    Assert.Equal(ScoreboardLayout.FileSize(1), new FileInfo(path).Length);
                }

                using var worker = SupervisorScoreboard.Open(path);
                worker.OpenSlot(7).Claim(4242, 1, 1000);
                Assert.Equal(4242, worker.ReadSlot(7).Pid);
                var error = Assert.Throws<ArgumentOutOfRangeException>(() => worker.OpenSlot(6));
                Assert.StartsWith($"The slot must be from 7 to 7: the scoreboard '{path}' has 1 slots.", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void OpeningSeesTheSameSlotCount()
        {
            using var board = new TempScoreboard(slots: 5);
            using var worker = SupervisorScoreboard.Open(board.Path);
            Assert.Equal(5, worker.SlotCount);
        }

        [Fact]
        public void OpenedForReadingItSeesTheSlotsButCannotWriteThem()
        {
            using var board = new TempScoreboard(slots: 2);
            using (var writer = SupervisorScoreboard.Open(board.Path))
            {
                writer.OpenSlot(1).Claim(4242, 7, 1000);
            }

            using var reader = SupervisorScoreboard.OpenForReading(board.Path);

            Assert.Equal((4242, 7L), (reader.ReadSlot(1).Pid, reader.ReadSlot(1).Generation));
            var error = Assert.Throws<InvalidOperationException>(() => reader.OpenSlot(1));
            Assert.Equal($"The scoreboard '{board.Path}' was opened for reading only.", error.Message);
        }

        [Fact]
        public void OpeningAFileThatIsNotAScoreboardSaysSo()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, new byte[512]);
                var error = Assert.Throws<InvalidDataException>(() => SupervisorScoreboard.Open(path));
                Assert.Equal($"The file '{path}' is not a scoreboard (magic number 0x00000000, expected 0x42535653).", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void OpeningAnotherLayoutVersionSaysWhichVersions()
        {
            using var board = new TempScoreboard();
            using (var stream = new FileStream(board.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                stream.Position = ScoreboardLayout.VersionOffset;
                stream.Write(BitConverter.GetBytes(1));
            }

            var error = Assert.Throws<InvalidDataException>(() => SupervisorScoreboard.Open(board.Path));
            Assert.Equal(
                $"The scoreboard '{board.Path}' has layout version 1 with 512-byte slots; this build reads version 3 with 512-byte slots.",
                error.Message);
        }

        [Fact]
        public void ASlotOutsideTheBoardIsRefusedWithTheRange()
        {
            using var board = new TempScoreboard(slots: 2);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => board.Master.OpenSlot(2));
            Assert.StartsWith($"The slot must be from 0 to 1: the scoreboard '{board.Path}' has 2 slots.", error.Message);
        }

        [Fact]
        public void ADisposedScoreboardRefusesToRead()
        {
            var board = new TempScoreboard();
            board.Dispose();
            board.Master.Dispose();
            Assert.Throws<ObjectDisposedException>(() => board.Master.ReadSlot(0));
        }
    }

    public sealed class WriteAndRead
    {
        [Fact]
        public void EveryFieldWrittenByTheWorkerIsReadByTheMaster()
        {
            using var board = new TempScoreboard();
            using var workerSide = SupervisorScoreboard.Open(board.Path);
            var writer = workerSide.OpenSlot(1);

            writer.Claim(pid: 4242, generation: 7, now: 1000);
            Assert.Equal(WorkerState.Booting, board.Master.ReadSlot(1).State);
            Assert.True(writer.TryAdvance(WorkerState.Booting, WorkerState.Ready));
            writer.Heartbeat(2000);
            writer.RequestStarted();
            writer.RequestStarted();
            writer.RequestFinished(200, 1_000);
            writer.PublishOldest(1500, "10.0.0.7:51234", "GET /api/sleep?ms=5000");
            writer.ConnectionOpened();
            writer.ConnectionOpened();
            writer.ConnectionOpened();
            writer.ConnectionClosed();

            var slot = board.Master.ReadSlot(1);
            var tally = new long[RequestTally.Length];
            tally[1] = 1; // 2xx
            tally[RequestTally.StatusClasses] = 1; // within 5 ms
            tally[^1] = 1_000;
            Assert.Equal(
                new SlotSnapshot(WorkerState.Ready, 4242, 7, 2000, 1, 1, 1500, "10.0.0.7:51234", "GET /api/sleep?ms=5000", true, 2, Requests: new RequestTally(tally)),
                slot);
            Assert.Equal(WorkerState.Empty, board.Master.ReadSlot(0).State);
        }

        [Fact]
        public void AFinishedRequestCountsItsStatusClassDurationBucketAndTimeAndAClaimClearsThem()
        {
            using var board = new TempScoreboard();
            using var workerSide = SupervisorScoreboard.Open(board.Path);
            var writer = workerSide.OpenSlot(0);
            writer.Claim(pid: 4242, generation: 1, now: 1000);

            foreach (var (status, micros) in new[] { (200, 5_000L), (204, 5_001L), (302, 700_000L), (404, 60_000_000L), (503, 61_000_000L), (999, 1L), (200, -5L) })
            {
                writer.RequestStarted();
                writer.RequestFinished(status, micros);
            }

            var tally = board.Master.ReadSlot(0).Requests;
            Assert.Equal([0L, 3, 1, 1, 1], Enumerable.Range(1, 5).Select(tally.StatusClass));
            // 5 ms is within the first bucket (le is inclusive); 5.001 ms in the second; a negative time counts as 0.
            Assert.Equal([3L, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1], Enumerable.Range(0, DurationBuckets.Count).Select(tally.Bucket));
            Assert.Equal(5_000 + 5_001 + 700_000 + 60_000_000 + 61_000_000 + 1, tally.DurationSumMicros);
            Assert.Equal(7, board.Master.ReadSlot(0).RequestsServed);

            writer.Claim(pid: 4243, generation: 1, now: 1000);
            Assert.Equal(default, board.Master.ReadSlot(0).Requests);
        }

        [Fact]
        public void ReadyDoesNotOverwriteADrainThatStartedFirst()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            writer.Claim(1, 1, 1);
            writer.State = WorkerState.Retiring;
            Assert.False(writer.TryAdvance(WorkerState.Booting, WorkerState.Ready));
            Assert.Equal(WorkerState.Retiring, board.Master.ReadSlot(0).State);
        }

        [Fact]
        public void ClaimingASlotClearsWhatThePreviousWorkerLeft()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            writer.Claim(1, 1, 1);
            writer.RequestStarted();
            writer.PublishOldest(5, "1.2.3.4:5", "GET /old");
            writer.State = WorkerState.Stopping;

            writer.Claim(2, 2, 10);

            Assert.Equal(new SlotSnapshot(WorkerState.Booting, 2, 2, 10, 0, 0, 0, "", "", true), board.Master.ReadSlot(0));
        }

        [Fact]
        public void ALongRequestLineIsTruncatedToItsField()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            var line = "GET /" + new string('a', 300);
            writer.PublishOldest(1, "", line);
            Assert.Equal(line[..ScoreboardLayout.RequestLineSize], board.Master.ReadSlot(0).RequestLine);
        }

        [Fact]
        public void TruncationNeverSplitsAUtf8Character()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            // "é" is two bytes: 126 + 2 fits exactly, one more byte of prefix pushes the last "é" out whole.
            writer.PublishOldest(1, "", new string('x', 127) + "éé");
            Assert.Equal(new string('x', 127), board.Master.ReadSlot(0).RequestLine);
            writer.PublishOldest(1, "", new string('x', 126) + "é€");
            Assert.Equal(new string('x', 126) + "é", board.Master.ReadSlot(0).RequestLine);
        }

        [Fact]
        public void NonAsciiTextRoundTrips()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            writer.PublishOldest(9, "[::1]:8080", "GET /café/日本?q=ü");
            var slot = board.Master.ReadSlot(0);
            Assert.Equal("GET /café/日本?q=ü", slot.RequestLine);
            Assert.Equal("[::1]:8080", slot.ClientAddress);
        }

        [Fact]
        public void AShorterTextLeavesNothingOfTheLongerOneBefore()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            writer.PublishOldest(1, "192.168.100.200:65535", "GET /a/very/long/path");
            writer.PublishOldest(2, "1.1.1.1:1", "GET /");
            var slot = board.Master.ReadSlot(0);
            Assert.Equal(("1.1.1.1:1", "GET /", 2L), (slot.ClientAddress, slot.RequestLine, slot.OldestStart));
        }

        [Fact]
        public async Task TheReaderNeverSeesAMixOfTwoRequests()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            using var stop = new CancellationTokenSource();
            var writing = Task.Run(() =>
            {
                for (long i = 1; !stop.IsCancellationRequested; i++)
                {
                    var text = i % 2 == 0 ? "GET /even" : "POST /odd/and/longer";
                    writer.PublishOldest(i, text, text);
                }
            });

            for (var i = 0; i < 20_000; i++)
            {
                var slot = board.Master.ReadSlot(0);
                if (slot.TextConsistent && slot.OldestStart != 0)
                {
                    Assert.Equal(slot.ClientAddress, slot.RequestLine);
                    Assert.Equal(slot.OldestStart % 2 == 0 ? "GET /even" : "POST /odd/and/longer", slot.RequestLine);
                }
            }

            stop.Cancel();
            await writing;
        }

        [Fact]
        public void CountersStayExactUnderConcurrentRequests()
        {
            using var board = new TempScoreboard();
            var writer = board.Master.OpenSlot(0);
            Parallel.For(0, 10_000, _ =>
            {
                writer.RequestStarted();
                writer.RequestFinished(200, 1_000);
            });
            var slot = board.Master.ReadSlot(0);
            Assert.Equal((10_000L, 0L), (slot.RequestsServed, slot.RequestsInFlight));
        }
    }
}
