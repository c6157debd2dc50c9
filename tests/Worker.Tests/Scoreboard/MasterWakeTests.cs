using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;
using Worker.Tests.Support;

namespace Worker.Tests.Scoreboard;

public sealed class MasterWakeTests
{
    private static SlotWriter ClaimedSlot(TempScoreboard board, WakePipe pipe)
    {
        var wake = MasterWake.Open(pipe.WriteFd);
        Assert.NotNull(wake);
        var writer = board.Master.OpenSlot(0, wake);
        writer.Claim(pid: 4242, generation: 1, now: 1);
        return writer;
    }

    public sealed class StatesTheMasterActsOn
    {
        [Fact]
        public void BecomingReadyWritesOneByte()
        {
            using var board = new TempScoreboard();
            using var pipe = new WakePipe();
            var writer = ClaimedSlot(board, pipe);
            Assert.Equal(0, pipe.Drain());

            Assert.True(writer.TryAdvance(WorkerState.Booting, WorkerState.Ready));

            Assert.Equal(1, pipe.Drain());
        }

        [Fact]
        public void BecomingRetiringWritesOneByte()
        {
            using var board = new TempScoreboard();
            using var pipe = new WakePipe();
            var writer = ClaimedSlot(board, pipe);
            writer.TryAdvance(WorkerState.Booting, WorkerState.Ready);
            pipe.Drain();

            writer.State = WorkerState.Retiring;

            Assert.Equal(2, pipe.Drain());
        }

        [Fact]
        public void NoOtherChangeWritesAByte()
        {
            using var board = new TempScoreboard();
            using var pipe = new WakePipe();
            var writer = ClaimedSlot(board, pipe);

            writer.State = WorkerState.Stopping;
            Assert.False(writer.TryAdvance(WorkerState.Booting, WorkerState.Ready));
            writer.Claim(pid: 4343, generation: 2, now: 2);
            writer.Heartbeat(3);
            writer.RequestStarted();
            writer.RequestFinished(200, 1_000);
            Assert.Equal(0, pipe.Drain());

            writer.TryAdvance(WorkerState.Booting, WorkerState.Ready);
            writer.State = WorkerState.Retiring;
            Assert.Equal(2, pipe.Drain());
        }
    }

    public sealed class FailuresAreIgnored
    {
        [Fact]
        public async Task AFullPipeDropsTheWakeWithoutBlockingEvenIfTheMasterLeftItBlocking()
        {
            using var board = new TempScoreboard();
            using var pipe = new WakePipe();
            Native.SetNonBlocking(pipe.WriteFd, on: false);
            var writer = ClaimedSlot(board, pipe);
            writer.TryAdvance(WorkerState.Booting, WorkerState.Ready);
            Assert.Equal(1, pipe.Drain());

            // Were the descriptor still blocking, this would hang until the pipe is disposed.
            await Task.Run(() =>
            {
                Native.Fill(pipe.WriteFd);
                writer.State = WorkerState.Retiring;
            }).WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(WorkerState.Retiring, board.Master.ReadSlot(0).State);
        }

        [Fact]
        public void AMasterThatIsGoneDoesNotKillTheWorker()
        {
            using var board = new TempScoreboard();
            using var pipe = new WakePipe();
            var writer = ClaimedSlot(board, pipe);
            writer.TryAdvance(WorkerState.Booting, WorkerState.Ready);
            Assert.Equal(1, pipe.Drain());
            pipe.CloseReadEnd();

            // The write fails with EPIPE; were SIGPIPE not ignored, this process would die here.
            writer.State = WorkerState.Retiring;

            Assert.Equal(WorkerState.Retiring, board.Master.ReadSlot(0).State);
        }

        [Fact]
        public void ADescriptorThatIsNotOpenGivesNoWake() =>
            Assert.Null(MasterWake.Open(int.MaxValue));
    }
}
