using Supervisor.Worker.Lifecycle;

namespace Worker.Tests.Lifecycle;

public sealed class BootGarbageTests
{
    [Fact]
    public void TheCollectionWaitsForTheDelayAndRunsOnceWhenIdle()
    {
        var time = new TimerClock();
        var collections = 0;
        using var garbage = new BootGarbage(time, () => true, () => collections++);

        var timer = Assert.Single(time.Timers);
        Assert.Equal(BootGarbage.Delay, timer.DueTime);
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Period);
        Assert.Equal(0, collections);

        timer.Fire();
        Assert.Equal(1, collections);
        Assert.Equal(0, timer.Changes);
    }

    [Fact]
    public void ABusyWorkerIsNotPausedAndTriesAgainAfterTheDelay()
    {
        var time = new TimerClock();
        var idle = false;
        var collections = 0;
        using var garbage = new BootGarbage(time, () => idle, () => collections++);
        var timer = Assert.Single(time.Timers);

        timer.Fire();
        Assert.Equal(0, collections);
        Assert.Equal(1, timer.Changes);
        Assert.Equal(BootGarbage.Delay, timer.DueTime);

        idle = true;
        timer.Fire();
        Assert.Equal(1, collections);
    }

    [Fact]
    public void AWorkerBusyEveryTimeGivesUpAfterItsAttempts()
    {
        var time = new TimerClock();
        using var garbage = new BootGarbage(time, () => false, () => throw new InvalidOperationException("collected while busy"));
        var timer = Assert.Single(time.Timers);

        for (var i = 0; i < BootGarbage.Attempts; i++)
        {
            timer.Fire();
        }

        Assert.Equal(BootGarbage.Attempts - 1, timer.Changes);
    }

    [Fact]
    public void AWorkerThatEndsBeforeTheDelayNeverCollects()
    {
        var time = new TimerClock();
        var garbage = new BootGarbage(time, () => true, () => throw new InvalidOperationException("collected"));

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
        public TimeSpan DueTime { get; private set; } = dueTime;

        public TimeSpan Period { get; private set; } = period;

        public int Changes { get; private set; }

        public bool Disposed { get; private set; }

        public void Fire()
        {
            if (!Disposed)
            {
                fire();
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            Period = period;
            Changes++;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
