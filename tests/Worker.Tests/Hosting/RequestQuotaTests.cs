using Supervisor.Worker.Hosting;

namespace Worker.Tests.Hosting;

public sealed class RequestQuotaTests
{
    [Fact]
    public void NumbersRequestsFromOneAndFlagsTheOneThatReachesTheQuota()
    {
        var counter = new RequestQuota(quota: 3);
        var numbers = Enumerable.Range(0, 5).Select(_ => counter.Start()).ToList();

        Assert.Equal([1L, 2, 3, 4, 5], numbers);
        Assert.Equal([false, false, true, false, false], numbers.Select(counter.ReachesQuota));
        Assert.Equal(5, counter.Started);
    }

    [Fact]
    public void TheRequestThatReachesTheQuotaAndEveryLaterOneAreAtOrPastIt()
    {
        var counter = new RequestQuota(quota: 3);

        Assert.Equal([false, false, true, true, true], Enumerable.Range(0, 5).Select(_ => counter.IsAtOrPastQuota(counter.Start())));
    }

    [Fact]
    public void NoQuotaNeverFlags()
    {
        var counter = new RequestQuota(quota: 0);
        var numbers = Enumerable.Range(0, 1000).Select(_ => counter.Start()).ToList();

        Assert.DoesNotContain(numbers, counter.ReachesQuota);
        Assert.DoesNotContain(numbers, counter.IsAtOrPastQuota);
    }

    [Fact]
    public void UnderConcurrencyExactlyOneRequestReachesTheQuota()
    {
        var counter = new RequestQuota(quota: 5000);
        var flagged = 0;
        var past = 0;
        Parallel.For(0, 20_000, _ =>
        {
            var number = counter.Start();
            if (counter.ReachesQuota(number))
            {
                Interlocked.Increment(ref flagged);
            }

            if (counter.IsAtOrPastQuota(number))
            {
                Interlocked.Increment(ref past);
            }
        });
        Assert.Equal((1, 15_001), (flagged, past));
    }

    [Fact]
    public void ANegativeQuotaIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestQuota(-1));
}
