using System.Threading.Channels;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Contract;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Master;

/// <summary>
/// The master's loop, in the shape of Gunicorn's Arbiter.run: signal handlers, exit watchers and the wake pipe
/// only post events; one thread drains them, handles each, kills timed-out workers and reconciles the worker
/// count. All worker state changes happen on that thread.
/// </summary>
internal sealed class Arbiter
{
    /// <summary>Boot failures in a row, with no worker READY in between, that halt the master.</summary>
    public const int MaxBootFailures = 5;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);


    private readonly Channel<ArbiterEvent> _events = Channel.CreateUnbounded<ArbiterEvent>();
    private readonly IWorkerSpawner _spawner;
    private readonly ISlotReader _slots;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly IMasterHost _host;
    private readonly WorkerTable _workers;
    private readonly RestartBackoff _backoff = new();
    private readonly Generations _generations;
    private readonly ReloadQueue _reloads = new();
    private int _bootFailures;
    private readonly StopSequence _stop = new();
    private readonly WorkerWatch _watch;
    private HaltException? _halt;

    public Arbiter(SupervisorConfig config, IReadOnlyList<int> listenFds, IWorkerSpawner spawner, ISlotReader slots,
        ITickClock clock, ILogger log, Random random, IMasterHost host)
    {
        _spawner = spawner;
        _slots = slots;
        _clock = clock;
        _log = log;
        _random = random;
        _host = host;
        _workers = new WorkerTable(slots.SlotCount);
        _generations = new Generations(config, listenFds, log, slots.SlotCount);
        _watch = new WorkerWatch(slots, clock, log, host, Stats, _backoff, Post);
    }

    public WorkerTable Workers => _workers;

    /// <summary>Counters for the metrics and health endpoint; safe to read from any thread.</summary>
    public MasterStats Stats { get; } = new(DateTimeOffset.UtcNow);

    public SupervisorConfig Config => _generations.Current.Config;

    public long GenerationNumber => _generations.Current.Number;

    public int WantedWorkers => _generations.Wanted;

    public bool Finished { get; private set; }

    public int ExitCode => _halt?.ExitCode ?? ExitCodes.Ok;

    public string? HaltReason => _halt?.Message;

    /// <summary>Thread-safe: called from signal handlers and exit continuations.</summary>
    public void Post(ArbiterEvent arbiterEvent) => _events.Writer.TryWrite(arbiterEvent);

    /// <summary>Runs until every worker is gone after a stop or a halt; returns the exit code.</summary>
    public int Run()
    {
        while (!Finished)
        {
            WaitForEvents();
            Tick();
        }

        return ExitCode;
    }

    /// <summary>One pass of the loop: handle queued events, kill timed-out workers, reconcile the count.</summary>
    public void Tick()
    {
        try
        {
            while (_events.Reader.TryRead(out var next))
            {
                Handle(next);
            }

            if (_watch.Observe(_workers.All, _generations.Current.Config))
            {
                _bootFailures = 0;
                ForwardPendingReopens();
            }

            FinishReload();
            ManageWorkers();
            Stats.SetWantedWorkers(_generations.Wanted);
        }
        catch (HaltException e)
        {
            Halt(e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in one pass is logged; the master keeps supervising.
            _log.Error(e, MasterMessages.UnhandledException);
        }
    }

    private void WaitForEvents()
    {
        using var timeout = new CancellationTokenSource(PollInterval);
        try
        {
            _events.Reader.WaitToReadAsync(timeout.Token).AsTask().Wait();
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            // Nothing happened within the poll interval; the pass still runs.
        }
    }

    private void Handle(ArbiterEvent arbiterEvent)
    {
        if (arbiterEvent is ArbiterEvent.WorkerNudged)
        {
            // The pass that follows reads every slot; that is all a wake asks for.
            return;
        }

        if (arbiterEvent is ArbiterEvent.WorkerExited exited)
        {
            ReapWorker(exited.Pid, exited.ExitCode);
            return;
        }

        if (arbiterEvent is ArbiterEvent.StacksDumped dumped)
        {
            _watch.ReportStacks(_workers.All, dumped.Pid, dumped.Report);
            return;
        }

        var signal = ((ArbiterEvent.SignalReceived)arbiterEvent).Signal;
        var name = ExitReport.SignalName(signal)[3..].ToLowerInvariant();
        _log.Information(MasterMessages.HandlingSignal, name);
        if (_stop.Stopping && signal is Libc.SIGHUP or Libc.SIGTTIN or Libc.SIGTTOU or Libc.SIGUSR2 or Libc.SIGWINCH)
        {
            // Nothing is started while stopping: a reload would rebind sockets the stop has just closed.
            _log.Information(MasterMessages.IgnoredWhileStopping, name);
            return;
        }

        switch (signal)
        {
            case Libc.SIGTERM: // graceful stop
                BeginStop(StopMode.Graceful);
                break;
            case Libc.SIGINT or Libc.SIGQUIT: // quick stop
                BeginStop(StopMode.Quick);
                break;
            case Libc.SIGHUP: // reload the configuration, roll the workers; one at a time
                Reload();
                break;
            case Libc.SIGTTIN: // one more worker
                _generations.Scale(+1);
                _reloads.Scaled(+1);
                break;
            case Libc.SIGTTOU: // one fewer, never below one
                _generations.Scale(-1);
                _reloads.Scaled(-1);
                break;
            case Libc.SIGUSR1: // reopen log files, here and in every worker
                _host.ReopenLogs();
                ReopenWorkerLogs();
                break;
            case Libc.SIGUSR2: // binary upgrade: a new master beside this one
                _host.StartChildMaster();
                break;
            case Libc.SIGWINCH: // stop the workers, keep the master (the middle step of an upgrade)
                StopWorkersKeepMaster();
                break;
        }
    }

    private void Reload()
    {
        if (_reloads.UnderWay)
        {
            if (_reloads.Defer())
            {
                _log.Information(MasterMessages.ReloadDeferred);
            }

            return;
        }

        _log.Information(MasterMessages.HangUp);
        if (_generations.TryReload(_host))
        {
            _reloads.Started();
            _bootFailures = 0;
            _backoff.Reset();
        }
    }

    /// <summary>
    /// A reload is over once the current generation has all its workers READY; a HUP that waited for it starts
    /// now, and the TTIN and TTOU that came after that HUP apply on top of the count it sets.
    /// </summary>
    private void FinishReload()
    {
        if (!_reloads.UnderWay || _workers.Active.Count(w => w.Spec.Generation == _generations.Current.Number && w.WasReady) < _generations.Wanted)
        {
            return;
        }

        if (!_reloads.Complete())
        {
            return;
        }

        var scales = _reloads.TakeScales();
        Reload();
        scales.ForEach(_generations.Scale);
    }

    /// <summary>
    /// USR1 to a worker that has not registered its handlers yet would kill it (USR1's default action): a booting
    /// worker is told once it is READY.
    /// </summary>
    private void ReopenWorkerLogs()
    {
        foreach (var worker in _workers.All)
        {
            if (worker.WasReady)
            {
                worker.Process.Signal(Libc.SIGUSR1);
            }
            else
            {
                worker.ReopenPending = true;
            }
        }
    }

    private void ForwardPendingReopens()
    {
        foreach (var worker in _workers.All.Where(w => w.WasReady && w.ReopenPending))
        {
            worker.ReopenPending = false;
            worker.Process.Signal(Libc.SIGUSR1);
        }
    }

    private void StopWorkersKeepMaster()
    {
        if (_host.IsInteractive)
        {
            _log.Information(MasterMessages.WinchIgnored);
            return;
        }

        if (!_host.HasChildMaster)
        {
            _log.Warning(MasterMessages.WinchWithoutNewMaster);
            return;
        }

        _generations.Wanted = 0;
    }

    private void ReapWorker(int pid, int exitCode)
    {
        if (_workers.Remove(pid) is not { } worker)
        {
            return;
        }

        // The slot keeps the worker's last word: it may have retired and exited between two passes.
        var now = _clock.NowMs;
        var slot = _slots.Read(worker.Slot);
        Stats.Served.Observe([(worker.Slot, slot)]);
        var own = slot.Pid == pid;
        worker.WasReady |= own && slot.State is WorkerState.Ready or WorkerState.Retiring or WorkerState.Stopping;
        if (own && slot.State == WorkerState.Retiring && !worker.Retiring)
        {
            worker.Retiring = true;
            Stats.CountRestart(RestartReason.Quota);
        }

        CloseUnusedListeners();
        if (_stop.Stopping || worker.StopSent)
        {
            // The master asked it to go: whatever its exit, it is no crash and no failed boot. A booting worker
            // told TERM before it registered its handlers dies of the signal.
            LogRequestedExit(worker, exitCode, slot, own);
            return;
        }

        if (worker.Retiring && exitCode == ExitCodes.Ok)
        {
            _log.Information(MasterMessages.WorkerExiting, pid);
            return;
        }

        ExitReport.Log(_log, worker, exitCode);
        LogLostRequests(pid, slot, own);

        if (!worker.Killed)
        {
            Stats.CountRestart(RestartReason.Crash);
        }

        if (exitCode == ExitCodes.AppLoadError)
        {
            throw new HaltException("App failed to load.", ExitCodes.AppLoadError);
        }

        if (!worker.WasReady)
        {
            _bootFailures++;
            _log.Error(MasterMessages.WorkerFailedToBoot, pid, ExitReport.Describe(exitCode), _bootFailures);
            if (_bootFailures >= MaxBootFailures)
            {
                RollBackOrHalt();
            }
        }

        _backoff.RecordDeath(now, now - worker.SpawnedAtMs);
    }

    private void LogRequestedExit(WorkerRecord worker, int exitCode, SlotSnapshot slot, bool own)
    {
        if (_stop.Stopping || exitCode == ExitCodes.Ok || exitCode is 128 + Libc.SIGTERM or 128 + Libc.SIGINT or 128 + Libc.SIGQUIT)
        {
            if (worker.WasReady || exitCode == ExitCodes.Ok || _stop.Stopping)
            {
                _log.Information(MasterMessages.WorkerExiting, worker.Pid);
            }
            else
            {
                _log.Information(MasterMessages.WorkerStoppedBeforeReady, worker.Pid, ExitReport.Describe(exitCode));
            }

            return;
        }

        // It died of something else while leaving: worth a line, but it failed nothing the master counts.
        ExitReport.Log(_log, worker, exitCode);
        LogLostRequests(worker.Pid, slot, own);
    }

    private void LogLostRequests(int pid, SlotSnapshot slot, bool own)
    {
        if (own && (slot.RequestsInFlight > 0 || slot.ConnectionsOpen > 0))
        {
            // The slot still holds the counts at the moment of death: what was cut off, and nothing else. A connection
            // counts from its accept, so one whose request had not started yet is named too.
            _log.Warning(MasterMessages.RequestsLost, pid, slot.RequestsInFlight, slot.ConnectionsOpen);
        }
    }

    /// <summary>
    /// A new generation that never boots must not take the service down while the previous one still
    /// serves: go back to it. With nothing to go back to, halt as Gunicorn does.
    /// </summary>
    private void RollBackOrHalt()
    {
        if (!_generations.TryRollBack(_workers, _bootFailures, _host))
        {
            throw new HaltException("Worker failed to boot.", ExitCodes.WorkerBootError);
        }

        _bootFailures = 0;
        _backoff.Reset();
        if (_reloads.Complete())
        {
            // A HUP that waited would load the configuration that just failed: it is dropped, and said so.
            _log.Warning(MasterMessages.DeferredReloadDropped);
        }
    }

    /// <summary>Spawns the current generation and tells surplus or old workers to drain; drives a stop.</summary>
    private void ManageWorkers()
    {
        if (_stop.Stopping)
        {
            ProgressStop();
            return;
        }

        var (spawn, stop) = WorkerPlan.Decide(_workers.Active, _workers.Count, _generations.Current.Number, _generations.Wanted, _generations.Current.Config.ReloadStrategy);
        foreach (var worker in stop)
        {
            if (worker.Recycling is { } reason)
            {
                Stats.CountRestart(reason);
            }
            else if (worker.Spec.Generation != _generations.Current.Number)
            {
                Stats.CountRestart(RestartReason.Reload);
            }

            StopWorker(worker, Libc.SIGTERM);
        }

        // With every slot taken (draining workers hold theirs), the rest start as slots free up.
        for (; spawn > 0 && _backoff.MaySpawn(_clock.NowMs) && _workers.FreeSlot() is not null; spawn--)
        {
            SpawnWorker();
            if (_backoff.Failures > 0)
            {
                _log.Warning(MasterMessages.Backoff, _backoff.CurrentDelay.TotalSeconds, _backoff.Failures);
                _backoff.Defer(_clock.NowMs);
                break;
            }
        }
    }

    private void SpawnWorker()
    {
        var slot = _workers.FreeSlot() ?? throw new InvalidOperationException("Every scoreboard slot is taken.");
        var config = _generations.Current.Config;
        var quota = QuotaDraw.Next(_random, config.MaxRequests, config.MaxRequestsJitter);
        var lifetimeMs = QuotaDraw.Next(_random, config.MaxWorkerLifetime, config.MaxWorkerLifetimeJitter) * 1000L;
        var spec = new WorkerSpec(slot, _generations.Current.Number, quota, config, _generations.Current.ListenFds, lifetimeMs);
        var process = _spawner.Spawn(spec);
        _workers.Add(new WorkerRecord(process, spec, _clock.NowMs));
        _log.Information(MasterMessages.BootingWorker, process.Pid);
        process.Exited.ContinueWith(
            t => Post(new ArbiterEvent.WorkerExited(process.Pid, t.IsCompletedSuccessfully ? t.Result : -1)),
            TaskScheduler.Default);
    }

    private static void StopWorker(WorkerRecord worker, int signal)
    {
        worker.StopSent = true;
        worker.Process.Signal(signal);
    }

    private void SignalWorkers(int signal)
    {
        foreach (var worker in _workers.All)
        {
            worker.Process.Signal(signal);
        }
    }

    /// <summary>Listeners a reload dropped are closed once the last worker using them has gone.</summary>
    private void CloseUnusedListeners()
    {
        var inUse = _generations.Current.ListenFds.Concat(_workers.All.SelectMany(w => w.Spec.ListenFds)).ToHashSet();
        _host.CloseUnusedListeners(inUse);
    }

    private void BeginStop(StopMode mode)
    {
        if (!_stop.Begin(mode, _clock.NowMs, _generations.Current.Config.GracefulTimeout))
        {
            return;
        }

        Stats.MarkDraining();
        _host.StopListening();
        var signal = mode == StopMode.Graceful ? Libc.SIGTERM : Libc.SIGQUIT;
        foreach (var worker in _workers.All.Where(w => !w.Killed))
        {
            StopWorker(worker, signal);
        }
    }

    private void ProgressStop()
    {
        switch (_stop.Next(_workers.Count, _clock.NowMs))
        {
            case StopStep.KillStragglers:
                foreach (var worker in _workers.All)
                {
                    if (_stop.Mode == StopMode.Quick)
                    {
                        _log.Warning(MasterMessages.KillingAfterQuickStop, worker.Pid, StopSequence.QuickStopLimitMs / 1000);
                    }
                    else
                    {
                        _log.Warning(MasterMessages.KillingAfterGracefulTimeout, worker.Pid, _generations.Current.Config.GracefulTimeout);
                    }

                    worker.Killed = true;
                    worker.Process.Signal(Libc.SIGKILL);
                }

                break;
            case StopStep.Done:
                Finished = true;
                break;
        }
    }

    private void Halt(HaltException reason)
    {
        _halt ??= reason;
        BeginStop(StopMode.Quick);
        ProgressStop();
    }
}
