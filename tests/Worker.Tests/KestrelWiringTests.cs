using Microsoft.AspNetCore.Server.Kestrel.Core;
using Supervisor.Worker;
using Supervisor.Worker.Protocol;

namespace Worker.Tests;

public sealed class KestrelWiringTests
{
    private static WorkerContract Contract(int line = 4094, int fields = 100, int fieldSize = 8190, int keepAlive = 2) => new()
    {
        ListenFds = [3],
        ScoreboardPath = "/tmp/x",
        Slot = 0,
        MasterPid = 1,
        LimitRequestLine = line,
        LimitRequestFields = fields,
        LimitRequestFieldSize = fieldSize,
        KeepAlive = TimeSpan.FromSeconds(keepAlive),
    };

    [Fact]
    public void GunicornDefaultsMapOntoKestrelLimits()
    {
        var limits = new KestrelServerLimits();
        KestrelWiring.ApplyLimits(limits, Contract());
        Assert.Equal(4094 + 2, limits.MaxRequestLineSize);
        Assert.Equal(100, limits.MaxRequestHeaderCount);
        Assert.Equal(100 * 8190, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(TimeSpan.FromSeconds(2), limits.KeepAliveTimeout);
    }

    [Fact]
    public void UnlimitedMeansAsMuchAsKestrelsRequestBufferHolds()
    {
        var limits = new KestrelServerLimits();
        KestrelWiring.ApplyLimits(limits, Contract(line: 0, fields: 0, fieldSize: 0));
        Assert.Equal(1024 * 1024, limits.MaxRequestLineSize);
        Assert.Equal(32768, limits.MaxRequestHeaderCount);
        Assert.Equal(1024 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.True(limits.MaxRequestBufferSize >= limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public void HeaderTotalNeverExceedsTheRequestBuffer() =>
        Assert.Equal(1024 * 1024, KestrelWiring.HeadersTotalSize(Contract(fields: 32768, fieldSize: 8190)));

    [Fact]
    public void KeepAliveZeroLeavesKestrelsTimeoutAlone()
    {
        var limits = new KestrelServerLimits();
        var before = limits.KeepAliveTimeout;
        KestrelWiring.ApplyLimits(limits, Contract(keepAlive: 0));
        Assert.Equal(before, limits.KeepAliveTimeout);
    }
}
