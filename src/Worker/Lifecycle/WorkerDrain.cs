using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// The one way a worker leaves gracefully, whatever the reason (quota, TERM, the host stopping).
/// </summary>
/// <remarks>
/// Order matters: the flag goes up first so every response from then on carries
/// <c>Connection: close</c> (keep-alive clients move to another worker), and the gate stops accepting.
/// Then the worker lingers, up to <see cref="Linger"/>, while its kept-alive connections are still open:
/// a client that sends its next request meanwhile gets an answer with <c>Connection: close</c>, instead of
/// a connection closed under a request it had already sent (Kestrel closes idle connections the moment it
/// stops, and a busy client loses the race). Once every connection has closed, or the linger is over, the
/// host is asked to stop; Kestrel finishes in-flight requests within <c>HostOptions.ShutdownTimeout</c>.
/// Letting the host stop on SIGTERM by itself cost clients errors.
/// </remarks>
internal sealed class WorkerDrain
{
    private readonly SlotWriter _slot;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly AcceptGate _gate;
    private readonly TimeSpan _linger;
    private int _draining;

    /// <param name="linger">How long kept-alive connections may stay open once the drain began.</param>
    public WorkerDrain(SlotWriter slot, IHostApplicationLifetime lifetime, AcceptGate gate, TimeSpan linger)
    {
        _slot = slot;
        _lifetime = lifetime;
        _gate = gate;
        _linger = linger;
    }

    /// <summary>
    /// The keep-alive timeout, which is as long as an idle client may expect its connection to stay open,
    /// but at most half the graceful timeout, so that in-flight requests keep the other half.
    /// </summary>
    public static TimeSpan Linger(TimeSpan keepAlive, TimeSpan gracefulTimeout) =>
        keepAlive < gracefulTimeout / 2 ? keepAlive : gracefulTimeout / 2;

    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>
    /// Retires the worker whenever its quota says so: at the request that reaches it, and when the connections it
    /// holds can no longer reach it (then without the log line, as no quota of requests was served).
    /// </summary>
    public void RetireAtQuota(RequestQuota quota, ILogger logger) =>
        quota.Reached += unreachable =>
        {
            // The drain first, the log line after: the first line a worker writes can take tens of milliseconds
            // (its formatting code is compiled then), and requests arriving meanwhile must already see the drain.
            Begin(WorkerState.Retiring);
            if (!unreachable)
            {
                WorkerLog.QuotaReached(logger, quota.Quota);
            }
        };

    /// <summary>Starts the drain; returns false when it had already started (the first reason stays in the slot).</summary>
    public bool Begin(WorkerState reason)
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return false;
        }

        _slot.State = reason;
        _gate.Close();
        _ = StopWhenQuietAsync();
        return true;
    }

    private async Task StopWhenQuietAsync()
    {
        // Off the caller's thread (a request, or the signal thread): StopApplication runs the
        // ApplicationStopping callbacks synchronously.
        await Task.Yield();

        // Stopping a host while it starts throws out of the app's Run (an unhandled OperationCanceledException, a
        // stack trace in the log): a worker told to go while booting, by a TTOU or a newer reload, starts first.
        await WhenStartedAsync().ConfigureAwait(false);
        if (_linger > TimeSpan.Zero && !_lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await Task.WhenAny(_gate.Quiet, Task.Delay(_linger, _lifetime.ApplicationStopping)).ConfigureAwait(false);
        }

        _lifetime.StopApplication();
    }

    private async Task WhenStartedAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = _lifetime.ApplicationStopping.Register(() => started.TrySetResult());
        await started.Task.ConfigureAwait(false);
    }
}
