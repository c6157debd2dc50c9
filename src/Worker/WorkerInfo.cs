using Supervisor.Worker.Hosting;

namespace Supervisor.Worker;

/// <summary>What an app may show about the worker process answering a request.</summary>
public sealed class WorkerInfo
{
    private readonly RequestQuota _quota;

    internal WorkerInfo(RequestQuota quota, int? slot, long? generation)
    {
        _quota = quota;
        Slot = slot;
        Generation = generation;
    }

    /// <summary>The process id of the worker (or of the app, when not supervised).</summary>
    public int ProcessId { get; } = Environment.ProcessId;

    /// <summary>True when the process was started by the supervisor's master.</summary>
    public bool IsSupervised => Slot.HasValue;

    /// <summary>The scoreboard slot; null when not supervised.</summary>
    public int? Slot { get; }

    /// <summary>The worker generation (grows with every reload); null when not supervised.</summary>
    public long? Generation { get; }

    /// <summary>Requests this process has started serving, including the ones still running.</summary>
    public long Requests => _quota.Started;

    internal RequestQuota Quota => _quota;
}
