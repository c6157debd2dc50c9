using System.Net;
using Supervisor.Worker.Requests;
using Worker.Tests.Support;

namespace Worker.Tests.Requests;

public sealed class InFlightRequestsTests
{
    private static InFlightRequest Request(long start, string path, string query = "") =>
        new(start, "GET", path, query, IPAddress.Parse("10.1.2.3"), 40000 + (int)start);

    [Fact]
    public void TheOldestRunningRequestIsPublishedWithItsClientAndLine()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var first = Request(100, "/api/sleep", "?ms=5000");
        var second = Request(200, "/b");

        registry.Enter(first);
        registry.Enter(second);

        var slot = board.Master.ReadSlot(0);
        Assert.Equal((100L, "10.1.2.3:40100", "GET /api/sleep?ms=5000", 2L), (slot.OldestStart, slot.ClientAddress, slot.RequestLine, slot.RequestsInFlight));
    }

    [Fact]
    public void WhenTheOldestFinishesTheNextOldestIsPublished()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var first = Request(1, "/a");
        var second = Request(2, "/b");
        var third = Request(3, "/c");
        registry.Enter(first);
        registry.Enter(second);
        registry.Enter(third);

        registry.Exit(second, 200, 0);
        Assert.Equal("GET /a", board.Master.ReadSlot(0).RequestLine);
        registry.Exit(first, 200, 0);
        Assert.Equal((3L, "GET /c"), (board.Master.ReadSlot(0).OldestStart, board.Master.ReadSlot(0).RequestLine));
        Assert.Same(third, registry.Oldest);
    }

    [Fact]
    public void WhenNothingRunsTheSlotSaysNone()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var only = Request(1, "/a");
        registry.Enter(only);
        registry.Exit(only, 200, 0);

        var slot = board.Master.ReadSlot(0);
        Assert.Equal((0L, "", "", 0L, 1L), (slot.OldestStart, slot.RequestLine, slot.ClientAddress, slot.RequestsInFlight, slot.RequestsServed));
        Assert.Null(registry.Oldest);
    }

    [Fact]
    public void AnIPv6ClientAndAHugeUrlStillFit()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        registry.Enter(new InFlightRequest(1, "GET", "/" + new string('p', 500), "?q=1", IPAddress.Parse("2001:db8::1"), 443));

        var slot = board.Master.ReadSlot(0);
        Assert.Equal("2001:db8::1:443", slot.ClientAddress);
        Assert.Equal(128, slot.RequestLine.Length);
        Assert.StartsWith("GET /ppp", slot.RequestLine, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyConcurrentRequestsLeaveTheRegistryEmptyAndCountedOnce()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        Parallel.For(0, 5000, i =>
        {
            var request = Request(i, "/x");
            registry.Enter(request);
            registry.Exit(request, 200, 0);
        });

        var slot = board.Master.ReadSlot(0);
        Assert.Equal((5000L, 0L, 0L), (slot.RequestsServed, slot.RequestsInFlight, slot.OldestStart));
        Assert.Null(registry.Oldest);
    }
}
