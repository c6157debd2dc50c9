using Supervisor.Diagnostics;

namespace Supervisor.Tests.Diagnostics;

public sealed class StackReportTests
{
    private static readonly StackFrameInfo Sleep = new("System.Threading.Thread.Sleep(Int32)", "System.Private.CoreLib");
    private static readonly StackFrameInfo Hang = new("SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)", "SampleApp");
    private static readonly StackFrameInfo Dispatch = new("System.Threading.ThreadPoolWorkQueue.Dispatch()", "System.Private.CoreLib");
    private static readonly StackFrameInfo MonitorWait = new("System.Threading.Monitor.Wait(System.Object, Int32)", "System.Private.CoreLib");
    private static readonly StackFrameInfo HostRun = new("Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Run(Microsoft.Extensions.Hosting.IHost)", "Microsoft.Extensions.Hosting.Abstractions");
    private static readonly StackFrameInfo Main = new("Program.<Main>$(System.String[])", "SampleApp");
    private static readonly StackFrameInfo PoolWait = new("System.Threading.LowLevelLifoSemaphore.WaitNative(Microsoft.Win32.SafeHandles.SafeWaitHandle, Int32)", "System.Private.CoreLib");
    private static readonly StackFrameInfo SocketWait = new("Interop+Sys.WaitForSocketEvents(IntPtr, SocketEvent*, Int32*)", "System.Net.Sockets");

    private static ThreadStack Thread(int id, params StackFrameInfo[] frames) => new(id, (uint)(1000 + id), frames);

    public sealed class Format
    {
        [Fact]
        public void PrintsTheStuckRequestInFullFirstAndTheIdleThreadsLastByTopFrame()
        {
            var threads = new[]
            {
                Thread(1, MonitorWait, HostRun, Main),
                Thread(4, PoolWait),
                Thread(5, SocketWait),
                Thread(6, PoolWait),
                Thread(9, Sleep, Hang, Dispatch),
                Thread(12),
            };

            var report = StackReport.Format(4711, threads, complete: true);

            Assert.Equal(
                """
                Managed stacks of process 4711: 2 of 6 threads running app code.
                Thread 9 (OS thread 1009):
                   at System.Threading.Thread.Sleep(Int32)
                   at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)
                   at System.Threading.ThreadPoolWorkQueue.Dispatch()
                Thread 1 (OS thread 1001):
                   at System.Threading.Monitor.Wait(System.Object, Int32)
                   at Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Run(Microsoft.Extensions.Hosting.IHost)
                   at Program.<Main>$(System.String[])
                3 threads in framework code only, by top frame:
                   2 at System.Threading.LowLevelLifoSemaphore.WaitNative(Microsoft.Win32.SafeHandles.SafeWaitHandle, Int32)
                   1 at Interop+Sys.WaitForSocketEvents(IntPtr, SocketEvent*, Int32*)
                1 thread with no managed frames.
                """.ReplaceLineEndings("\n"),
                report);
        }

        [Fact]
        public void OrdersThreadsWithAppCodeAtTheSameDepthByThreadId()
        {
            var report = StackReport.Format(1, [Thread(7, Sleep, Hang), Thread(3, MonitorWait, Hang)], complete: true);

            Assert.True(report.IndexOf("Thread 3 ", StringComparison.Ordinal) < report.IndexOf("Thread 7 ", StringComparison.Ordinal), report);
        }

        [Fact]
        public void SaysWhyNoThreadShowsAppCodeWhenNoneDoes()
        {
            var report = StackReport.Format(42, [Thread(4, PoolWait), Thread(5, PoolWait)], complete: true);

            Assert.Equal(
                """
                Managed stacks of process 42: 0 of 2 threads running app code.
                No thread is running app code. A request that awaits something holds no thread while it waits, so its stack cannot show here.
                2 threads in framework code only, by top frame:
                   2 at System.Threading.LowLevelLifoSemaphore.WaitNative(Microsoft.Win32.SafeHandles.SafeWaitHandle, Int32)
                """.ReplaceLineEndings("\n"),
                report);
        }

        [Fact]
        public void SaysSoWhenTheCaptureStoppedAtItsTimeLimit()
        {
            var report = StackReport.Format(42, [Thread(9, Sleep, Hang)], complete: false);

            Assert.Equal(
                """
                Managed stacks of process 42: 1 of 1 threads running app code.
                The capture stopped at its time limit; threads it had not reached are missing.
                Thread 9 (OS thread 1009):
                   at System.Threading.Thread.Sleep(Int32)
                   at SampleApp.Endpoints.DiagnosticsEndpoints.HangInKnownMethod(Int32)
                """.ReplaceLineEndings("\n"),
                report);
        }

        [Fact]
        public void CutsAVeryDeepStackAndSaysHowManyFramesItLeftOut()
        {
            var frames = Enumerable.Repeat(Hang, StackReport.MaxFramesPerThread + 5).ToArray();

            var report = StackReport.Format(42, [Thread(9, frames)], complete: true);

            Assert.Equal(StackReport.MaxFramesPerThread, report.Split('\n').Count(line => line.StartsWith("   at ", StringComparison.Ordinal)));
            Assert.EndsWith("\n   ... 5 more frames", report);
        }

        [Fact]
        public void OfNoThreadsAtAllSaysSo()
        {
            Assert.Equal(
                """
                Managed stacks of process 42: 0 of 0 threads running app code.
                No thread is running app code. A request that awaits something holds no thread while it waits, so its stack cannot show here.
                """.ReplaceLineEndings("\n"),
                StackReport.Format(42, [], complete: true));
        }
    }

    public sealed class Framework
    {
        [Theory]
        [InlineData("System.Private.CoreLib")]
        [InlineData("System.Net.Sockets")]
        [InlineData("Microsoft.AspNetCore.Server.Kestrel.Core")]
        [InlineData("Microsoft.Extensions.Hosting.Abstractions")]
        [InlineData("System")]
        [InlineData("netstandard")]
        public void IsTheRuntimesAndAspNetCoresAssemblies(string assembly) =>
            Assert.True(new StackFrameInfo("M()", assembly).IsFramework);

        [Theory]
        [InlineData("SampleApp")]
        [InlineData("Supervisor.Worker")]
        [InlineData("Systems.Billing")]
        [InlineData("MicrosoftStoreClient")]
        [InlineData("")]
        public void IsNotTheAppsOwnAssemblies(string assembly) =>
            Assert.False(new StackFrameInfo("M()", assembly).IsFramework);

        [Fact]
        public void JudgesByAssemblyNotNamespaceSoGeneratedHandlersCountAsTheApp()
        {
            var generated = new StackFrameInfo("Microsoft.AspNetCore.Http.Generated.GeneratedRouteBuilderExtensionsCore.RequestHandler(Microsoft.AspNetCore.Http.HttpContext)", "SampleApp");

            Assert.Equal(0, Thread(1, generated, Dispatch).FirstAppFrame);
        }

        [Fact]
        public void FirstAppFrameIsNullForAThreadInFrameworkCodeOnly() =>
            Assert.Null(Thread(1, PoolWait, Dispatch).FirstAppFrame);
    }
}
