namespace Supervisor.Worker.Hosting;

/// <summary>
/// Closes the worker's accept loops the moment it starts to drain. Kestrel stops accepting only once the
/// host has begun to stop, tens of milliseconds later: long enough, under load, for a retiring worker to take
/// dozens of connections past its quota. Closing the gate cancels the pending accepts at once.
/// </summary>
internal sealed class AcceptGate : IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => _closed.IsCancellationRequested;

    public void Close() => _closed.Cancel();

    public void Dispose() => _closed.Dispose();
}
