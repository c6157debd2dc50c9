using Microsoft.Extensions.Hosting;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// The one way a worker leaves gracefully, whatever the reason (quota, TERM, the host stopping).
/// </summary>
/// <remarks>
/// Order matters: the flag goes up first so every response from then on carries
/// <c>Connection: close</c> (keep-alive clients move to another worker before this one stops
/// accepting), then the host is asked to stop; Kestrel finishes in-flight requests within
/// <c>HostOptions.ShutdownTimeout</c>. Letting the host stop on SIGTERM by itself cost clients errors.
/// </remarks>
internal sealed class WorkerDrain
{
    private readonly SlotWriter _slot;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly AcceptGate _gate;
    private int _draining;

    public WorkerDrain(SlotWriter slot, IHostApplicationLifetime lifetime, AcceptGate gate)
    {
        _slot = slot;
        _lifetime = lifetime;
        _gate = gate;
    }

    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>Starts the drain; returns false when it had already started (the first reason stays in the slot).</summary>
    public bool Begin(WorkerState reason)
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return false;
        }

        _slot.State = reason;
        _gate.Close();
        // Off the caller's thread: StopApplication runs ApplicationStopping callbacks synchronously,
        // and the caller is a request or the signal thread.
        ThreadPool.UnsafeQueueUserWorkItem(static lifetime => lifetime.StopApplication(), _lifetime, preferLocal: false);
        return true;
    }
}
