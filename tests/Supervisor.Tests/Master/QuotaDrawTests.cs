using Supervisor.Master;

namespace Supervisor.Tests.Master;

public sealed class QuotaDrawTests
{
    [Fact]
    public void DrawsStayWithinNPlusOrMinusJitterAndReachBothEnds()
    {
        var random = new Random(42);

        var draws = Enumerable.Range(0, 5000).Select(_ => QuotaDraw.Next(random, 20, 5)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 15, 25));
        Assert.Equal(11, draws.Distinct().Count());
        Assert.Contains(15, draws);
        Assert.Contains(25, draws);
    }

    [Fact]
    public void DrawsSpreadRoughlyEvenly()
    {
        var random = new Random(7);

        var counts = Enumerable.Range(0, 11000).Select(_ => QuotaDraw.Next(random, 100, 5)).GroupBy(d => d).Select(g => g.Count()).ToList();

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void AQuotaIsAtLeastOne()
    {
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 200).Select(_ => QuotaDraw.Next(random, 2, 2)), d => Assert.InRange(d, 1, 4));
    }

    [Fact]
    public void ZeroMaxRequestsMeansNoQuota()
    {
        Assert.Equal(0, QuotaDraw.Next(new Random(1), 0, 0));
    }

    [Fact]
    public void TheLargestQuotasDoNotOverflow()
    {
        var random = new Random(5);

        Assert.Equal(int.MaxValue, QuotaDraw.Next(random, int.MaxValue, 0));
        Assert.All(Enumerable.Range(0, 100).Select(_ => QuotaDraw.Next(random, int.MaxValue - 5, 10)), d => Assert.InRange(d, int.MaxValue - 15, int.MaxValue));
    }
}
