using System.Diagnostics;
using System.Text.Json;
using Supervisor.Diagnostics;
using Supervisor.Tests.Commands.Control.Support;
using Supervisor.Tests.Diagnostics.Support;

namespace Supervisor.Tests.Diagnostics;

public sealed class StackDumperTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Against a real SampleApp whose request is stuck in a known method.</summary>
    public sealed class OfAHungRequest : IClassFixture<SampleAppProcess>
    {
        private readonly SampleAppProcess _app;
        private readonly ITestOutputHelper _output;

        public OfAHungRequest(SampleAppProcess app, ITestOutputHelper output)
        {
            _app = app;
            _output = output;
        }

        [Fact]
        public async Task NamesTheStuckMethodWithinTheLimitAndLeavesTheProcessRunning()
        {
            using var hang = new CancellationTokenSource();
            var request = _app.Client.GetAsync("/api/debug/hang?ms=30000", hang.Token);
            try
            {
                await UntilInFlightAsync();

                var clock = Stopwatch.StartNew();
                var report = StackDumper.Dump(_app.Pid, Limit);
                clock.Stop();
                _output.WriteLine($"Dump took {clock.ElapsedMilliseconds} ms:\n{report}");

                Assert.NotNull(report);
                Assert.Contains("SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", report);
                Assert.StartsWith($"Managed stacks of process {_app.Pid}: ", report);
                Assert.True(clock.Elapsed < Limit, $"The dump took {clock.Elapsed}.");

                // Resumed: the process still serves, and the test, its parent, did not take it for exited.
                Assert.False(_app.Process.HasExited);
                Assert.True(await _app.AnswersAsync(), "SampleApp stopped answering after the dump.");
            }
            finally
            {
                await hang.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
            }
        }

        [Fact]
        public async Task ThatRunsOutOfTimeReturnsAtTheLimitAndCleansUpAfterItself()
        {
            var clock = Stopwatch.StartNew();
            var report = StackDumper.Dump(_app.Pid, TimeSpan.FromMilliseconds(1));
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"A dump limited to 1 ms took {clock.Elapsed}.");
            Assert.Null(report);

            // The capture left behind finishes by itself and deletes the dump the process writes. The file exists for
            // a quarter of a second or so: if this misses it, only the second wait is left to check.
            await UntilAsync(DumpExists, TimeSpan.FromSeconds(5));
            Assert.True(await UntilAsync(() => !DumpExists(), TimeSpan.FromSeconds(20)), "The dump of an abandoned capture was never deleted.");

            Assert.True(await _app.AnswersAsync(), "SampleApp stopped answering after an abandoned dump.");
            Assert.False(_app.Process.HasExited);
        }

        private bool DumpExists() => Directory.EnumerateFiles(Path.GetTempPath(), $"supervisor-stacks-{_app.Pid}-*").Any();

        private static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(5);
            }

            return true;
        }

        /// <summary>WorkerInfo counts a request as it starts, so a count two past the one before means the hang started.</summary>
        private async Task UntilInFlightAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            var before = await RequestsAsync();
            while (await RequestsAsync() < before + 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "The hang request never reached SampleApp.");
                await Task.Delay(20);
            }
        }

        private async Task<long> RequestsAsync()
        {
            using var json = JsonDocument.Parse(await _app.Client.GetStringAsync("/api/worker"));
            return json.RootElement.GetProperty("requests").GetInt64();
        }
    }

    public sealed class ReturnsNull
    {
        [Fact]
        public void QuicklyForAProcessThatIsNotDotNet()
        {
            using var sleep = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
            try
            {
                var clock = Stopwatch.StartNew();
                var report = StackDumper.Dump(sleep.Id, Limit);
                clock.Stop();

                Assert.Null(report);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The dump of sleep took {clock.Elapsed}.");
                Assert.False(sleep.HasExited);
                Assert.NotEqual("T", State(sleep.Id));
            }
            finally
            {
                sleep.Kill();
                sleep.WaitForExit();
            }
        }

        [Fact]
        public void ForAPidNoProcessHas() =>
            Assert.Null(StackDumper.Dump(DeadPid.Value, Limit));

        [Fact]
        public void ForAProcessThatHasExited()
        {
            int pid;
            using (var done = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
            {
                done.WaitForExit();
                pid = done.Id;
            }

            Assert.Null(StackDumper.Dump(pid, Limit));
        }

        [Fact]
        public void ForThisVeryProcess() =>
            Assert.Null(StackDumper.Dump(Environment.ProcessId, Limit));

        [Fact]
        public void ForALimitThatIsNotPositive() =>
            Assert.Null(StackDumper.Dump(DeadPid.Value, TimeSpan.Zero));

        /// <summary>The state letter of proc(5): T is stopped, which a dump that did not detach would leave.</summary>
        private static string State(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
    }
}
