using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Status;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The master as the endpoint's threads may see it: only data that is safe to read while the arbiter runs,
/// namely <see cref="ArbiterStats"/>, the scoreboard (read with pread, never mapped), /proc and the published
/// listeners. Exited workers' counts reach the served total as the arbiter reaps them.
/// </summary>
internal sealed class EndpointView : IEndpointView, IDisposable
{
    // Reading a slot takes microseconds; one lock keeps Dispose from racing a reader.
    private readonly Lock _lock = new();
    private readonly ArbiterStats _stats;
    private readonly ScoreboardReader _workers;
    private readonly ListenerSet _listeners;
    private readonly TimeProvider _time;
    private readonly ServedRequests _served;
    private readonly ProcFs _proc;
    private bool _disposed;

    public EndpointView(ArbiterStats stats, EndpointFeed feed, ProcFs proc, TimeProvider time)
    {
        _stats = stats;
        _listeners = feed.Listeners;
        _served = stats.Served;
        _time = time;
        _proc = proc;
        _workers = ScoreboardReader.Open(Environment.ProcessId, feed.ScoreboardPath, proc);
    }

    public string? NotReadyReason()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Readiness.NotReadyReason(_stats.Draining, _workers.LiveSlots().Select(s => s.Snapshot.State));
        }
    }

    public string Metrics()
    {
        StatusReport report;
        RequestTotals served;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            report = _workers.Report();
            served = _served.Observe(_workers.Slots());
        }

        var restarts = Enum.GetValues<RestartReason>().ToDictionary(r => r, _stats.Restarts);
        var queues = _listeners.Published
            .Select(l => ListenQueue.Read(l.Socket) is { } q ? new ListenQueueReading(l.Address.ToString(), q.Length, q.Max) : null)
            .OfType<ListenQueueReading>()
            .ToList();
        var uptime = (_time.GetUtcNow() - _stats.StartedAt).TotalSeconds;
        return MetricsText.Render(new MetricsSnapshot(
            uptime, _stats.Draining, _stats.WantedWorkers, report.Workers, served.Served, restarts, queues, served.Requests, _proc.Usage(Environment.ProcessId)));
    }

    public string StatusJson(bool full = false)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Status.StatusJson.Render(_workers.Report(), full);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _workers.Dispose();
            }
        }
    }
}
