using Supervisor.Worker.Requests;

namespace Worker.Tests.Requests;

public sealed class RequestCounterTests
{
    [Fact]
    public void TheRequestThatReachesTheQuotaIsTheOnlyOneFlagged()
    {
        var counter = new RequestCounter(quota: 3);
        Assert.Equal([false, false, true, false, false], Enumerable.Range(0, 5).Select(_ => counter.Start()));
        Assert.Equal(5, counter.Started);
    }

    [Fact]
    public void NoQuotaNeverFlags()
    {
        var counter = new RequestCounter(quota: 0);
        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => counter.Start()));
    }

    [Fact]
    public void UnderConcurrencyExactlyOneRequestReachesTheQuota()
    {
        var counter = new RequestCounter(quota: 5000);
        var flagged = 0;
        Parallel.For(0, 20_000, _ =>
        {
            if (counter.Start())
            {
                Interlocked.Increment(ref flagged);
            }
        });
        Assert.Equal(1, flagged);
    }

    [Fact]
    public void ANegativeQuotaIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestCounter(-1));
}
