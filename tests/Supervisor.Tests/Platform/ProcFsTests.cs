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

    public sealed class Usage
    {
        [Fact]
        public void ReadsCpuStartTimeMemoryAndDescriptorsAsPrometheusDoes()
        {
            using var root = new Supervisor.Tests.Support.TempDirectory();
            root.Write("stat", "cpu  1 2 3\nbtime 1700000000\nprocesses 5\n");
            var folder = Directory.CreateDirectory(Path.Combine(root.Path, "42")).FullName;
            // Fields 3 to 23 after "(comm)": utime 14 = 250 ticks, stime 15 = 50 ticks, starttime 22 = 12345 ticks, vsize 23.
            var afterComm = new[] { "S" }.Concat(Enumerable.Repeat("0", 10)).Append("250").Append("50")
                .Concat(Enumerable.Repeat("0", 6)).Append("12345").Append("987654321").Append("77");
            File.WriteAllText(Path.Combine(folder, "stat"), $"42 (a (b) c) {string.Join(' ', afterComm)}\n");
            File.WriteAllText(Path.Combine(folder, "status"), "Name:\tx\nVmRSS:\t  2048 kB\n");
            File.WriteAllText(Path.Combine(folder, "limits"),
                "Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n");
            Directory.CreateDirectory(Path.Combine(folder, "fd"));
            foreach (var fd in new[] { "0", "1", "2" })
            {
                File.WriteAllText(Path.Combine(folder, "fd", fd), "");
            }

            var usage = new Supervisor.Platform.ProcFs(root.Path, 100).Usage(42);

            Assert.Equal(new Supervisor.Platform.ProcessUsage(3.0, 1700000000 + 123.45, 2048L * 1024, 987654321, 3, 1024), usage);
        }

        [Fact]
        public void OfThisProcessOnTheRealProcHasDescriptorsAndAStartInThePast()
        {
            var usage = Supervisor.Platform.ProcFs.System.Usage(Environment.ProcessId);

            Assert.NotNull(usage);
            Assert.True(usage.OpenFds > 2);
            Assert.InRange(usage.StartTimeSeconds, DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        }

        [Fact]
        public void IsNullWhenTheProcessHasNoEntry()
        {
            using var proc = new FakeProc();

            Assert.Null(proc.Proc.Usage(Environment.ProcessId));
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
