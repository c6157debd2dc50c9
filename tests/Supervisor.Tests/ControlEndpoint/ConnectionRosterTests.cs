using Microsoft.AspNetCore.Connections;
using Supervisor.ControlEndpoint;

namespace Supervisor.Tests.ControlEndpoint;

/// <summary>The control endpoint's bound on open connections: who is closed when one too many arrives.</summary>
public sealed class ConnectionRosterTests : IDisposable
{
    private readonly ConnectionRoster _roster = new(max: 3);
    private readonly TaskCompletionSource _hangUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _served = [];

    public void Dispose() => _hangUp.TrySetResult();

    /// <summary>A connection as Kestrel would hand it over, kept open until the test hangs up.</summary>
    private DefaultConnectionContext Connect()
    {
        var connection = new DefaultConnectionContext();
        _served.Add(_roster.Track(_ => _hangUp.Task)(connection));
        return connection;
    }

    private static bool IsClosed(ConnectionContext connection) => connection.ConnectionClosed.IsCancellationRequested;

    private static void AssertClosedSoon(ConnectionContext connection) =>
        Assert.True(connection.ConnectionClosed.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the connection was not closed");

    [Fact]
    public void UpToItsBoundEveryConnectionStaysOpen()
    {
        var connections = Enumerable.Range(0, 3).Select(_ => Connect()).ToList();

        Assert.Equal(3, _roster.Count);
        Assert.DoesNotContain(connections, IsClosed);
    }

    [Fact]
    public void OneTooManyClosesTheOldestConnectionNotServingARequest()
    {
        var first = Connect();
        var second = Connect();
        var third = Connect();
        var serving = _roster.Serving(first.Items);

        var fourth = Connect();

        AssertClosedSoon(second);
        Assert.DoesNotContain([first, third, fourth], IsClosed);
        Assert.Equal(3, _roster.Count);
        _roster.Served(serving);
    }

    [Fact]
    public void AConnectionDoneServingMayBeClosedAgain()
    {
        var first = Connect();
        _roster.Served(_roster.Serving(first.Items));
        Connect();
        Connect();

        Connect();

        AssertClosedSoon(first);
    }

    [Fact]
    public void WhenEveryConnectionIsServingTheNewcomerIsClosed()
    {
        var open = Enumerable.Range(0, 3).Select(_ => Connect()).ToList();
        var serving = open.Select(c => _roster.Serving(c.Items)).ToList();

        var newcomer = Connect();

        AssertClosedSoon(newcomer);
        Assert.DoesNotContain(open, IsClosed);
        serving.ForEach(_roster.Served);
    }

    [Fact]
    public async Task AConnectionThatEndsLeavesTheRoster()
    {
        Connect();
        Connect();

        _hangUp.SetResult();
        await Task.WhenAll(_served);

        Assert.Equal(0, _roster.Count);
    }

    [Fact]
    public void ARequestOnAConnectionNotTrackedChangesNothing()
    {
        _roster.Served(_roster.Serving(null));
        _roster.Served(_roster.Serving(new DefaultConnectionContext().Items));

        Assert.Equal(0, _roster.Count);
    }
}
