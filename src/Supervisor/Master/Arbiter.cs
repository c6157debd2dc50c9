using System.Threading.Channels;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Hooks;
using Supervisor.Master.Workers;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

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
    private readonly object _wake = new();
    private readonly IWorkerSpawner _spawner;
    private readonly ISlotReader _slots;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly IArbiterHost _host;
    private readonly WorkerTable _workers;
    private readonly RestartBackoff _backoff = new();
    private readonly Generations _generations;
    private readonly ReloadCoordinator _reloads;
    private readonly StopDriver _stop;
    private int? _lastReady;
    private readonly WorkerReaper _reaper;
    private readonly WorkerWatch _watch;
    private HaltException? _halt;

    public Arbiter(SupervisorConfig config, IReadOnlyList<int> listenFds, IWorkerSpawner spawner, ISlotReader slots,
        ITickClock clock, ILogger log, Random random, IArbiterHost host)
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
        _stop = new StopDriver(_workers, clock, log, host, Stats, () => _generations.Current.Config);
        // These two call each other: a reload clears the boot failures the reaper counts, and too many of those roll
        // the reload back.
        _reloads = new ReloadCoordinator(_generations, _workers, host, log, _backoff, () => _reaper!);
        _reaper = new WorkerReaper(_workers, slots, clock, log, Stats, _backoff, _stop, host, CloseUnusedListeners, _reloads.RollBackOrHalt);
    }

    public WorkerTable Workers => _workers;

    /// <summary>Counters for the metrics and health endpoint; safe to read from any thread.</summary>
    public ArbiterStats Stats { get; } = new(DateTimeOffset.UtcNow);

    public SupervisorConfig Config => _generations.Current.Config;

    public long GenerationNumber => _generations.Current.Number;

    public int WantedWorkers => _generations.Wanted;

    public bool Finished { get; private set; }

    public int ExitCode => _halt?.ExitCode ?? ExitCodes.Ok;

    public string? HaltReason => _halt?.Message;

    /// <summary>Thread-safe: called from signal handlers and exit continuations.</summary>
    public void Post(ArbiterEvent arbiterEvent)
    {
        _events.Writer.TryWrite(arbiterEvent);
        lock (_wake)
        {
            Monitor.Pulse(_wake);
        }
    }

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
                _reaper.ResetBootFailures();
                _workers.ForwardPendingReopens();
            }

            _reloads.Finish();
            ManageWorkers();
            _host.CountWorkers(_workers.Count);
            Stats.SetWantedWorkers(_generations.Wanted);
            _generations.AnnounceWanted(_host);
            ReportToServiceManager();
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

    /// <summary>
    /// READY=1 once the wanted workers first serve (a reload says it itself), the count when it changes outside a
    /// reload, and the watchdog from this loop, so a loop that hangs stops the pings.
    /// </summary>
    private void ReportToServiceManager()
    {
        _host.PingWatchdog(_clock.NowMs);
        var ready = _workers.ReadyCount;
        if (_stop.Stopping || _reloads.UnderWay || ready == _lastReady || (_lastReady is null && ready < _generations.Wanted))
        {
            return;
        }

        (_lastReady is null ? (Action<int>)_host.NotifyReady : _host.NotifyWorkerCount)(ready);
        if (_lastReady is null)
        {
            _host.RunHook(HookEvent.Ready(ready));
        }

        _lastReady = ready;
    }

    /// <summary>
    /// Until an event is posted, or for the poll interval. A monitor wait on this thread: an asynchronous wait ended by
    /// a cancelled token threw at every idle pass, which cost a Native AOT master about 3% of a CPU.
    /// </summary>
    private void WaitForEvents()
    {
        lock (_wake)
        {
            if (!_events.Reader.TryPeek(out _))
            {
                Monitor.Wait(_wake, PollInterval);
            }
        }
    }

    private void Handle(ArbiterEvent arbiterEvent)
    {
        switch (arbiterEvent)
        {
            case ArbiterEvent.WorkerNudged: // the pass that follows reads every slot; that is all a wake asks for
                return;
            case ArbiterEvent.WorkerExited exited:
                _reaper.Reap(exited.Pid, exited.ExitCode);
                return;
            case ArbiterEvent.FilesChanged: // HUP's reload, one at a time with them; nothing is started while stopping
                if (!_stop.Stopping)
                {
                    _reloads.Reload();
                }

                return;
            case ArbiterEvent.StacksDumped dumped:
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
                _stop.Begin(StopMode.Graceful);
                break;
            case Libc.SIGINT or Libc.SIGQUIT: // quick stop
                _stop.Begin(StopMode.Quick);
                break;
            case Libc.SIGHUP: // reload the configuration, roll the workers; one at a time
                _reloads.Reload();
                break;
            case Libc.SIGTTIN: // one more worker
                _reloads.Scale(+1);
                break;
            case Libc.SIGTTOU: // one fewer, never below one
                _reloads.Scale(-1);
                break;
            case Libc.SIGUSR1: // reopen log files, here and in every worker
                _host.ReopenLogs();
                _workers.ReopenLogs();
                break;
            case Libc.SIGUSR2: // binary upgrade: a new master beside this one
                _host.StartChildMaster();
                break;
            case Libc.SIGWINCH: // stop the workers, keep the master (the middle step of an upgrade)
                _reloads.StopWorkersKeepMaster();
                break;
        }
    }

    /// <summary>Spawns the current generation and tells surplus or old workers to drain; drives a stop.</summary>
    private void ManageWorkers()
    {
        if (_stop.Stopping)
        {
            Finished |= _stop.Progress();
            return;
        }

        var (spawn, stop) = WorkerPlan.Decide(_workers.Active, _workers.Count, _generations.Current.Number, _generations.Wanted, _generations.Current.Config.Get(Settings.ReloadStrategy));
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

            StopDriver.StopWorker(worker, Libc.SIGTERM);
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
        var quota = QuotaDraw.Next(_random, config.Get(Settings.MaxRequests), config.Get(Settings.MaxRequestsJitter));
        var lifetimeMs = QuotaDraw.Next(_random, config.Get(Settings.MaxWorkerLifetime), config.Get(Settings.MaxWorkerLifetimeJitter)) * 1000L;
        var spec = new WorkerSpec(slot, _generations.Current.Number, quota, config, _generations.Current.ListenFds, lifetimeMs);
        var process = _spawner.Spawn(spec);
        _workers.Add(new WorkerRecord(process, spec, _clock.NowMs));
        _log.Information(MasterMessages.BootingWorker, process.Pid);
        process.Exited.ContinueWith(
            t => Post(new ArbiterEvent.WorkerExited(process.Pid, t.IsCompletedSuccessfully ? t.Result : -1)),
            TaskScheduler.Default);
    }

    /// <summary>Listeners a reload dropped are closed once the last worker using them has gone.</summary>
    private void CloseUnusedListeners()
    {
        var inUse = _generations.Current.ListenFds.Concat(_workers.All.SelectMany(w => w.Spec.ListenFds)).ToHashSet();
        _host.CloseUnusedListeners(inUse);
    }

    private void Halt(HaltException reason)
    {
        _halt ??= reason;
        _stop.Begin(StopMode.Quick);
        Finished |= _stop.Progress();
    }
}
