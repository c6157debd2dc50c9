using System.Net;
using Supervisor.Worker.Requests;
using Worker.Tests.Support;

namespace Worker.Tests.Requests;

public sealed class InFlightRequestsTests
{
    private static InFlightRequest Request(long start, string path, string query = "") =>
        new(start, "GET", path, query, IPAddress.Parse("10.1.2.3"), 40000 + (int)start);

    [Fact]
    public void TheOldestRunningRequestIsShownWithItsClientAndLineAtTheNextBeat()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var first = Request(100, "/api/sleep", "?ms=5000");
        var second = Request(200, "/b");

        registry.Enter(first);
        registry.Enter(second);
        // Not per request: the heartbeat writes it.
        Assert.Equal((0L, "", 2L), (board.Master.ReadSlot(0).OldestStart, board.Master.ReadSlot(0).RequestLine, board.Master.ReadSlot(0).RequestsInFlight));
        registry.PublishOldest();

        var slot = board.Master.ReadSlot(0);
        Assert.Equal((100L, "10.1.2.3:40100", "GET /api/sleep?ms=5000", 2L), (slot.OldestStart, slot.ClientAddress, slot.RequestLine, slot.RequestsInFlight));
    }

    [Fact]
    public void WhenTheRequestShownFinishesTheNextOldestIsShownAtOnce()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var first = Request(1, "/a");
        var second = Request(2, "/b");
        var third = Request(3, "/c");
        registry.Enter(first);
        registry.Enter(second);
        registry.Enter(third);
        registry.PublishOldest();

        registry.Exit(second, 200, 0);
        Assert.Equal("GET /a", board.Master.ReadSlot(0).RequestLine);
        // No beat between: the slot must never show a request that has ended.
        registry.Exit(first, 200, 0);
        Assert.Equal((3L, "GET /c"), (board.Master.ReadSlot(0).OldestStart, board.Master.ReadSlot(0).RequestLine));
        Assert.Same(third, registry.Oldest);
    }

    [Fact]
    public void ARequestThatEndsBeforeAnyBeatIsNeverWritten()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var shown = Request(1, "/shown");
        registry.Enter(shown);
        registry.PublishOldest();
        var quick = Request(2, "/quick");
        registry.Enter(quick);
        registry.Exit(quick, 200, 0);

        Assert.Equal("GET /shown", board.Master.ReadSlot(0).RequestLine);
        registry.Exit(shown, 200, 0);
        registry.PublishOldest();
        Assert.Equal((0L, ""), (board.Master.ReadSlot(0).OldestStart, board.Master.ReadSlot(0).RequestLine));
    }

    [Fact]
    public void WhenNothingRunsTheSlotSaysNone()
    {
        using var board = new TempScoreboard();
        var registry = new InFlightRequests(board.Master.OpenSlot(0));
        var only = Request(1, "/a");
        registry.Enter(only);
        registry.PublishOldest();
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
        registry.PublishOldest();

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
            if (i % 7 == 0)
            {
                registry.PublishOldest(); // a beat while requests come and go
            }

            registry.Exit(request, 200, 0);
        });

        var slot = board.Master.ReadSlot(0);
        Assert.Equal((5000L, 0L, 0L), (slot.RequestsServed, slot.RequestsInFlight, slot.OldestStart));
        Assert.Null(registry.Oldest);
    }
}
