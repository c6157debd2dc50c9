using Supervisor.Worker.Lifecycle;

namespace Worker.Tests.Lifecycle;

public sealed class BootGarbageTests
{
    [Fact]
    public void TheCollectionWaitsForTheDelayAndRunsOnce()
    {
        var time = new TimerClock();
        var collections = 0;
        using var garbage = new BootGarbage(time, () => collections++);

        var timer = Assert.Single(time.Timers);
        Assert.Equal(BootGarbage.Delay, timer.DueTime);
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Period);
        Assert.Equal(0, collections);

        timer.Fire();
        Assert.Equal(1, collections);
    }

    [Fact]
    public void AWorkerThatEndsBeforeTheDelayNeverCollects()
    {
        var time = new TimerClock();
        var garbage = new BootGarbage(time, () => throw new InvalidOperationException("collected"));

        garbage.Dispose();

        Assert.True(Assert.Single(time.Timers).Disposed);
    }

    /// <summary>A clock whose timers fire only when a test says so.</summary>
    private sealed class TimerClock : TimeProvider
    {
        public List<ManualTimer> Timers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(() => callback(state), dueTime, period);
            Timers.Add(timer);
            return timer;
        }
    }

    private sealed class ManualTimer(Action fire, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        public TimeSpan DueTime { get; } = dueTime;

        public TimeSpan Period { get; } = period;

        public bool Disposed { get; private set; }

        public void Fire()
        {
            if (!Disposed)
            {
                fire();
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
