using Supervisor.Tests.Commands.Control.Support;

namespace Supervisor.Tests.Platform;

public sealed class ProcFsTests
{
    public sealed class Age
    {
        [Fact]
        public void IsUptimeMinusTheStartTimeEvenWhenTheNameHoldsParentheses()
        {
            using var proc = new FakeProc(uptimeSeconds: 1000.5);
            proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(184.5), rssKib: 1);

            Assert.Equal(TimeSpan.FromSeconds(184.5), proc.Proc.Age(Environment.ProcessId));
        }

        [Fact]
        public void IsNullWhenTheProcessHasNoEntry()
        {
            using var proc = new FakeProc();

            Assert.Null(proc.Proc.Age(Environment.ProcessId));
        }

        [Fact]
        public void OfThisProcessOnTheRealProcIsShortAndPositive()
        {
            var age = Supervisor.Platform.ProcFs.System.Age(Environment.ProcessId);

            Assert.NotNull(age);
            Assert.InRange(age.Value, TimeSpan.Zero, TimeSpan.FromHours(2));
        }
    }

    public sealed class ResidentBytes
    {
        [Fact]
        public void ComesFromVmRssInKibibytes()
        {
            using var proc = new FakeProc();
            proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(1), rssKib: 49_459);

            Assert.Equal(49_459L * 1024, proc.Proc.ResidentBytes(Environment.ProcessId));
        }

        [Fact]
        public void IsNullWhenTheProcessHasNoEntry()
        {
            using var proc = new FakeProc();

            Assert.Null(proc.Proc.ResidentBytes(Environment.ProcessId));
        }
    }

    public sealed class IsRunning
    {
        [Fact]
        public void IsTrueForALiveProcess()
        {
            using var proc = new FakeProc();
            proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(1), rssKib: 1);

            Assert.True(proc.Proc.IsRunning(Environment.ProcessId));
        }

        [Fact]
        public void IsFalseForAZombieWhichHasExitedButIsNotYetReaped()
        {
            using var proc = new FakeProc();
            proc.Add(Environment.ProcessId, TimeSpan.FromSeconds(1), rssKib: 1, state: 'Z');

            Assert.False(proc.Proc.IsRunning(Environment.ProcessId));
        }

        [Theory]
        [InlineData(DeadPid.Value)]
        [InlineData(0)]
        [InlineData(-1)]
        public void IsFalseForAPidNoProcessHas(int pid)
        {
            Assert.False(Supervisor.Platform.ProcFs.System.IsRunning(pid));
        }
    }
}
