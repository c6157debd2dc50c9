using System.Collections.Concurrent;

namespace Integration.Support;

/// <summary>
/// Clients that send requests back to back, each on a new connection, until stopped; every request that
/// does not get a 2xx is a failure, recorded with its reason.
/// </summary>
public sealed class Load : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients;
    private long _sent;

    public Load(string url, int clients)
    {
        _clients = Enumerable.Range(0, clients).Select(_ => Task.Run(() => RunAsync(url))).ToList();
    }

    public long Sent => Interlocked.Read(ref _sent);

    public ConcurrentQueue<string> Failures { get; } = new();

    private async Task RunAsync(string url)
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await Http.GetAsync(url, TimeSpan.FromSeconds(20));
                if (!response.IsSuccessStatusCode)
                {
                    Failures.Enqueue($"status {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Failures.Enqueue(e.GetBaseException().Message);
            }
        }
    }

    /// <summary>Waits until at least this many more requests have been sent (the load is really running).</summary>
    public Task WaitForRequestsAsync(long more)
    {
        var target = Sent + more;
        return Wait.UntilAsync(() => Sent >= target, TimeSpan.FromSeconds(30), $"{more} more requests");
    }

    /// <summary>Stops the clients and returns (sent, failed).</summary>
    public async Task<(long Sent, int Failed)> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        return (Sent, Failures.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
