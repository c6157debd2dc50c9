using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Supervisor.Worker.Hosting;
using Worker.Tests.Support;

namespace Worker.Tests.Hosting;

public sealed class AcceptGateTests
{
    private sealed class Connection : IDisposable
    {
        private readonly CancellationTokenSource _closed = new();

        public Connection()
        {
            Context = new DefaultConnectionContext { ConnectionClosed = _closed.Token };
        }

        public DefaultConnectionContext Context { get; }

        public DefaultHttpContext Request()
        {
            var http = new DefaultHttpContext();
            http.Features.Set<IConnectionItemsFeature>(Context);
            return http;
        }

        public void Close() => _closed.Cancel();

        public void Dispose() => _closed.Dispose();
    }

    [Fact]
    public void ClosesOnceItHasAcceptedAsManyConnectionsAsTheQuota()
    {
        using var gate = new AcceptGate(new RequestQuota(3));
        using var a = new Connection();
        using var b = new Connection();
        using var c = new Connection();

        gate.Admit(a.Context);
        gate.Admit(b.Context);
        Assert.False(gate.IsClosed);
        gate.Admit(c.Context);

        Assert.True(gate.IsClosed);
    }

    [Fact]
    public void TheFirstRequestOfAConnectionUsesItsReservation()
    {
        using var gate = new AcceptGate(new RequestQuota(3));
        using var a = new Connection();
        using var b = new Connection();
        gate.Admit(a.Context);
        gate.Admit(b.Context);

        gate.RequestStarting(a.Request());
        gate.RequestStarting(b.Request());

        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void LaterRequestsOnAKeptAliveConnectionCountToo()
    {
        using var gate = new AcceptGate(new RequestQuota(3));
        using var a = new Connection();
        gate.Admit(a.Context);

        gate.RequestStarting(a.Request());
        gate.RequestStarting(a.Request());
        Assert.False(gate.IsClosed);
        gate.RequestStarting(a.Request());

        Assert.True(gate.IsClosed);
    }

    [Fact]
    public void AConnectionClosedWithoutARequestGivesItsReservationBack()
    {
        using var gate = new AcceptGate(new RequestQuota(2));
        using var probe = new Connection();
        using var a = new Connection();
        gate.Admit(probe.Context);
        probe.Close();

        gate.Admit(a.Context);
        Assert.False(gate.IsClosed);
        gate.RequestStarting(a.Request());
        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void AConnectionClosedAfterItsRequestKeepsItCounted()
    {
        using var gate = new AcceptGate(new RequestQuota(2));
        using var a = new Connection();
        using var b = new Connection();
        gate.Admit(a.Context);
        gate.RequestStarting(a.Request());
        a.Close();

        gate.Admit(b.Context);

        Assert.True(gate.IsClosed);
    }

    [Fact]
    public void RetiresWhenTheConnectionsItHoldsCanNoLongerReachTheQuota()
    {
        var quota = new RequestQuota(2);
        using var gate = new AcceptGate(quota);
        var retired = 0;
        quota.Reached += unreachable => retired += unreachable ? 1 : 0;
        using var probe = new Connection();
        using var a = new Connection();
        gate.Admit(a.Context);
        gate.Admit(probe.Context);
        Assert.True(gate.IsClosed);

        probe.Close();
        Assert.Equal(0, retired);
        gate.RequestStarting(a.Request());

        Assert.Equal(1, retired);
    }

    [Fact]
    public void RetiresWhenTheLastHeldConnectionClosesWithoutARequest()
    {
        var quota = new RequestQuota(2);
        using var gate = new AcceptGate(quota);
        var retired = 0;
        quota.Reached += unreachable => retired += unreachable ? 1 : 0;
        using var a = new Connection();
        using var probe = new Connection();
        gate.Admit(a.Context);
        gate.RequestStarting(a.Request());
        gate.Admit(probe.Context);

        probe.Close();

        Assert.Equal(1, retired);
    }

    [Fact]
    public void DoesNotRetireEarlyWhenTheQuotaIsReachedByRequests()
    {
        var quota = new RequestQuota(2);
        using var gate = new AcceptGate(quota);
        var retired = 0;
        quota.Reached += unreachable => retired += unreachable ? 1 : 0;
        using var a = new Connection();
        using var b = new Connection();
        gate.Admit(a.Context);
        gate.Admit(b.Context);

        gate.RequestStarting(a.Request());
        gate.RequestStarting(b.Request());

        Assert.Equal(0, retired);
    }

    [Fact]
    public void WithoutAQuotaOnlyADrainClosesIt()
    {
        using var gate = new AcceptGate(new RequestQuota(0));
        using var a = new Connection();
        for (var i = 0; i < 1000; i++)
        {
            gate.RequestStarting(a.Request());
        }

        Assert.False(gate.IsClosed);
        gate.Close();
        Assert.True(gate.IsClosed);
        Assert.True(gate.Closed.IsCancellationRequested);
    }

    [Fact]
    public void IsQuietOnlyOnceClosedWithEveryConnectionItLetInClosed()
    {
        using var gate = new AcceptGate(new RequestQuota(0));
        using var a = new Connection();
        using var b = new Connection();
        gate.Admit(a.Context);
        gate.Admit(b.Context);

        a.Close();
        Assert.False(gate.Quiet.IsCompleted); // still open for business
        gate.Close();
        Assert.False(gate.Quiet.IsCompleted); // b is still open
        b.Close();

        Assert.True(gate.Quiet.IsCompletedSuccessfully);
    }

    [Fact]
    public void AnAcceptUnderWayKeepsItFromBeingQuiet()
    {
        using var gate = new AcceptGate(new RequestQuota(0));
        using var late = new Connection();
        gate.AcceptStarting();

        gate.Close();
        Assert.False(gate.Quiet.IsCompleted);
        gate.Admit(late.Context); // the accept brought a connection after all
        gate.AcceptEnded();
        Assert.False(gate.Quiet.IsCompleted);
        late.Close();

        Assert.True(gate.Quiet.IsCompletedSuccessfully);
    }

    [Fact]
    public void CountsTheOpenConnectionsInTheSlotForTheMaster()
    {
        using var board = new TempScoreboard();
        using var workerSide = Supervisor.Worker.Scoreboard.Scoreboard.Open(board.Path);
        var slot = workerSide.OpenSlot(0);
        slot.Claim(pid: 7, generation: 1, now: 0);
        using var gate = new AcceptGate(new RequestQuota(0), slot);
        using var a = new Connection();
        using var b = new Connection();

        gate.Admit(a.Context);
        gate.Admit(b.Context);
        gate.RequestStarting(a.Request());
        Assert.Equal(2, board.Master.ReadSlot(0).ConnectionsOpen);
        a.Close();

        Assert.Equal(1, board.Master.ReadSlot(0).ConnectionsOpen);
    }

    [Fact]
    public async Task AtWorkerConnectionsTheNextAcceptWaitsUntilAConnectionCloses()
    {
        using var gate = new AcceptGate(new RequestQuota(0), maxConnections: 2);
        using var a = new Connection();
        using var b = new Connection();

        Assert.True(await gate.WaitForRoomAsync(CancellationToken.None));
        gate.Admit(a.Context);
        Assert.True(await gate.WaitForRoomAsync(CancellationToken.None));
        gate.Admit(b.Context);
        var third = gate.WaitForRoomAsync(CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        a.Close();
        Assert.True(await third.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AWaitForRoomEndsFalseWhenTheGateClosesAndAnEmptyAcceptGivesItsRoomBack()
    {
        using var gate = new AcceptGate(new RequestQuota(0), maxConnections: 1);

        Assert.True(await gate.WaitForRoomAsync(CancellationToken.None));
        var waiting = gate.WaitForRoomAsync(CancellationToken.None).AsTask();
        gate.ReturnRoom();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        var closed = gate.WaitForRoomAsync(CancellationToken.None).AsTask();
        gate.Close();
        Assert.False(await closed.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WithoutALimitThereIsAlwaysRoom()
    {
        using var gate = new AcceptGate(new RequestQuota(0));

        for (var i = 0; i < 5; i++)
        {
            Assert.True(await gate.WaitForRoomAsync(CancellationToken.None));
        }
    }
}
