using Supervisor.Master.Slow;

namespace Supervisor.Tests.Master.Slow;

public sealed class SlowRequestLimiterTests
{
    [Fact]
    public void AllowsSoManyAWindowThenSaysHowManyItHeldBack()
    {
        var limiter = new SlowRequestLimiter(perWindow: 2, windowMs: 60_000);

        Assert.True(limiter.TryTake(0, out var held) && held == 0);
        Assert.True(limiter.TryTake(1_000, out held) && held == 0);
        Assert.False(limiter.TryTake(2_000, out _));
        Assert.False(limiter.TryTake(59_999, out _));

        // The first report has left the window: one more may go, and it says that two were held back.
        Assert.True(limiter.TryTake(60_000, out held));
        Assert.Equal(2, held);
        Assert.False(limiter.TryTake(60_500, out _));
        Assert.True(limiter.TryTake(61_000, out held));
        Assert.Equal(1, held);
    }
}
