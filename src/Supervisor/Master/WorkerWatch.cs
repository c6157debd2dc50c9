using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Hooks;
using Supervisor.Master.Slow;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master;

/// <summary>
/// What the arbiter learns from its workers' slots on every pass, and what it does about it: boots, quotas,
/// memory and lifetime limits, slow requests, timeouts (with a stack dump first when asked).
/// </summary>
internal sealed class WorkerWatch
{
    // A dump must never stall the master: the dumper gives up after the limit, and the worker dies after the grace.
    private static readonly TimeSpan DumpLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DumpGrace = TimeSpan.FromSeconds(2);

    // Reading /proc for every worker is cheap, but not every 100 ms.
    private const long MemoryCheckIntervalMs = 1000;

    private readonly ISlotReader _slots;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly IArbiterHost _host;
    private readonly ArbiterStats _stats;
    private readonly RestartBackoff _backoff;
    private readonly Action<ArbiterEvent> _post;
    private readonly SlowRequestLog _slowRequests;
    private long _lastMemoryCheckMs;

    public WorkerWatch(ISlotReader slots, ITickClock clock, ILogger log, IArbiterHost host, ArbiterStats stats, RestartBackoff backoff, Action<ArbiterEvent> post)
    {
        _slots = slots;
        _clock = clock;
        _log = log;
        _host = host;
        _stats = stats;
        _backoff = backoff;
        _post = post;
        _slowRequests = new SlowRequestLog(log, pid => host.DumpStacks(pid, DumpLimit));
    }

    /// <summary>
    /// Reads every worker's slot: notes READY and RETIRING, marks workers for recycling, and kills those past the
    /// timeout. True when a worker became READY in this pass.
    /// </summary>
    public bool Observe(IEnumerable<WorkerRecord> workers, SupervisorConfig config)
    {
        var now = _clock.NowMs;
        var checkMemory = now - _lastMemoryCheckMs >= MemoryCheckIntervalMs;
        var becameReady = false;
        foreach (var worker in workers)
        {
            var slot = _slots.Read(worker.Slot);
            var own = slot.Pid == worker.Pid;
            if (!own && !worker.Killed && WrappedApp.Describe(worker.Pid, slot.Pid, WrappedApp.ParentOf) is { } wrapped)
            {
                // A slot claiming a descendant's pid is an app started by a wrapper that did not exec it, not damage:
                // its signals would reach the wrapper, not the app. A boot failure, and the app goes with its parent.
                _log.Error(wrapped);
                worker.Killed = true;
                worker.Process.Signal(Libc.SIGKILL);
                continue;
            }

            if (!worker.Killed && KillIfDamaged(worker, slot, now))
            {
                continue;
            }

            if (own && !worker.WasReady && slot.State is WorkerState.Ready or WorkerState.Retiring)
            {
                worker.WasReady = true;
                becameReady = true;
                _log.Debug(MasterMessages.WorkerReady, worker.Pid);
            }

            if (worker.NoteRetiring(slot))
            {
                _stats.CountRestart(RestartReason.Quota);
                _log.Information(MasterMessages.WorkerRetiring, worker.Pid, worker.Spec.Quota);
            }

            CheckRecycling(worker, now, checkMemory);

            if (worker.WasReady)
            {
                _backoff.ResetIfStable(worker.SpawnedAtMs, now);
            }

            _slowRequests.Check(worker, slot, now, config.Get(Settings.SlowRequestTimeout));
            if (TimeoutPolicy.Check(worker, slot, now, config.Get(Settings.Timeout)) is { } verdict)
            {
                _log.Fatal(MasterMessages.WorkerTimeout, worker.Pid, verdict.Detail);
                _host.RunHook(HookEvent.WorkerAborted(worker.Pid, verdict.Detail));
                _stats.CountRestart(RestartReason.Timeout);
                worker.Killed = true;
                KillAfterDump(worker, now, config.Get(Settings.TimeoutDump));
            }
            else if (worker.KillAtMs is { } deadline && now >= deadline)
            {
                // The dump did not report back in time: never let it keep a hung worker alive.
                worker.KillAtMs = null;
                worker.Process.Signal(Libc.SIGKILL);
            }
        }

        if (checkMemory)
        {
            _lastMemoryCheckMs = now;
        }

        return becameReady;
    }

    /// <summary>
    /// Kills a worker whose slot it could not honestly have written (<see cref="SlotTrust"/>). The slot is read once
    /// more first: a read that raced the worker's own write must not cost an honest worker its life.
    /// </summary>
    private bool KillIfDamaged(WorkerRecord worker, SlotSnapshot slot, long now)
    {
        if (SlotTrust.Problem(worker, slot, now) is null || SlotTrust.Problem(worker, _slots.Read(worker.Slot), _clock.NowMs) is not { } problem)
        {
            return false;
        }

        _log.Error(MasterMessages.SlotDamaged, worker.Pid, problem);
        _stats.CountRestart(RestartReason.Crash);
        worker.Killed = true;
        worker.SlotDamaged = true;
        worker.Process.Signal(Libc.SIGKILL);
        return true;
    }

    /// <summary>
    /// Kills a timed-out worker; with timeout_dump, first reads its stacks on another thread (the loop goes on)
    /// and kills it when they arrive, or at a deadline whatever happens.
    /// </summary>
    private void KillAfterDump(WorkerRecord worker, long now, bool dump)
    {
        if (!dump)
        {
            worker.Process.Signal(Libc.SIGKILL);
            return;
        }

        worker.KillAtMs = now + (long)(DumpLimit + DumpGrace).TotalMilliseconds;
        var pid = worker.Pid;
        Task.Run(() => _post(new ArbiterEvent.StacksDumped(pid, _host.DumpStacks(pid, DumpLimit))));
    }

    /// <summary>Logs a timed-out worker's stacks, then kills it.</summary>
    public void ReportStacks(IEnumerable<WorkerRecord> workers, int pid, string? report)
    {
        if (workers.FirstOrDefault(w => w.Pid == pid) is not { KillAtMs: not null } worker)
        {
            return;
        }

        if (report is null)
        {
            _log.Error(MasterMessages.StackReportUnavailable, pid);
        }
        else
        {
            _log.Fatal(MasterMessages.StackReport, pid, report);
        }

        worker.KillAtMs = null;
        worker.Process.Signal(Libc.SIGKILL);
    }

    /// <summary>Marks a worker past its lifetime or memory limit for replacement (it serves until then).</summary>
    private void CheckRecycling(WorkerRecord worker, long now, bool checkMemory)
    {
        if (worker.Leaving || worker.Recycling is not null || !worker.WasReady)
        {
            return;
        }

        if (worker.Spec.LifetimeMs > 0 && now - worker.SpawnedAtMs >= worker.Spec.LifetimeMs)
        {
            worker.Recycling = RestartReason.Lifetime;
            _log.Information(MasterMessages.RecycleLifetime, worker.Pid, worker.Spec.LifetimeMs / 1000);
            return;
        }

        var limit = worker.Spec.Config.Get(Settings.MaxWorkerMemory);
        if (limit > 0 && checkMemory && _host.ReadRssBytes(worker.Pid) is { } rss && rss > limit * 1024L * 1024L)
        {
            worker.Recycling = RestartReason.Memory;
            _log.Warning(MasterMessages.RecycleMemory, worker.Pid, rss / (1024 * 1024), limit);
        }
    }
}
