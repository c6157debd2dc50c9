using Supervisor.Master;

namespace Supervisor.Tests.Master;

public sealed class RestartBackoffTests
{
    [Fact]
    public void QuickDeathsDoubleTheDelayUpToTheCap()
    {
        var backoff = new RestartBackoff();
        var delays = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            backoff.RecordDeath(nowMs: 0, livedMs: 500);
            delays.Add(backoff.CurrentDelay.TotalSeconds);
        }

        Assert.Equal([0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 10, 10, 10], delays);
    }

    [Fact]
    public void SpawningWaitsForTheDelay()
    {
        var backoff = new RestartBackoff();
        backoff.RecordDeath(nowMs: 1000, livedMs: 10);
        backoff.RecordDeath(nowMs: 1000, livedMs: 10);

        Assert.False(backoff.MaySpawn(1199));
        Assert.True(backoff.MaySpawn(1200));
    }

    [Fact]
    public void AWorkerThatLivedLongEnoughResetsIt()
    {
        var backoff = new RestartBackoff();
        backoff.RecordDeath(0, 10);
        backoff.RecordDeath(0, 10);

        backoff.RecordDeath(50_000, (long)RestartBackoff.StableAfter.TotalMilliseconds);

        Assert.Equal(0, backoff.Failures);
        Assert.Equal(TimeSpan.Zero, backoff.CurrentDelay);
        Assert.True(backoff.MaySpawn(50_000));
    }

    [Fact]
    public void AHealthySiblingDoesNotResetIt()
    {
        var backoff = new RestartBackoff();
        backoff.RecordDeath(nowMs: 100_000, livedMs: 500);
        backoff.RecordDeath(nowMs: 100_500, livedMs: 400);

        backoff.ResetIfStable(spawnedAtMs: 0, nowMs: 101_000);

        Assert.Equal(2, backoff.Failures);
    }

    [Fact]
    public void AWorkerStartedAfterTheLastDeathThatStaysUpResetsIt()
    {
        var backoff = new RestartBackoff();
        backoff.RecordDeath(nowMs: 100_000, livedMs: 500);

        backoff.ResetIfStable(spawnedAtMs: 100_200, nowMs: 105_000);
        Assert.Equal(1, backoff.Failures);
        backoff.ResetIfStable(spawnedAtMs: 100_200, nowMs: 110_200);

        Assert.Equal(0, backoff.Failures);
    }
}
