using System.Runtime.ExceptionServices;
using Supervisor.Master;
using Supervisor.Platform;

namespace Supervisor.Tests.Master;

/// <summary>The arbiter's own loop (<see cref="Arbiter.Run"/>) on a thread of its own: how it waits between passes.</summary>
public sealed class ArbiterLoopTests : ArbiterHarness
{
    [Fact]
    public void AnIdleMasterWaitsBetweenPassesWithoutThrowingAndWakesForAnEvent()
    {
        // A wait that ended by a cancelled token threw at every idle pass: a Native AOT master resolved the stack
        // trace of each, ten times a second.
        var arbiter = Create("workers = 1\n");
        ReadyAll(arbiter);
        var worker = Assert.Single(Spawner.Alive);
        var loopThread = -1;
        var thrown = new List<string>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == Volatile.Read(ref loopThread))
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception.GetType().Name);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            var loop = new Thread(() =>
            {
                Volatile.Write(ref loopThread, Environment.CurrentManagedThreadId);
                arbiter.Run();
            }) { IsBackground = true };
            var passes = Host.WorkerCounts.Count;
            loop.Start();
            Assert.True(SpinWait.SpinUntil(() => Host.WorkerCounts.Count >= passes + 3, TimeSpan.FromSeconds(10)), "the loop made no idle passes");

            arbiter.Post(new ArbiterEvent.SignalReceived(Libc.SIGTERM));
            Assert.True(SpinWait.SpinUntil(() => worker.Signals.Contains(Libc.SIGTERM), TimeSpan.FromSeconds(10)), "TERM did not reach the worker");
            worker.Exit(0);
            Assert.True(loop.Join(TimeSpan.FromSeconds(10)), "the loop did not end once its worker had exited");
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
}
