using System.Threading.Channels;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Native;
using Supervisor.Worker.Contract;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Master;

/// <summary>
/// The master's loop, in the shape of Gunicorn's Arbiter.run: signal handlers and exit watchers only post
/// events; one thread drains them, handles each, kills timed-out workers and reconciles the worker count.
/// All worker state changes happen on that thread.
/// </summary>
internal sealed class Arbiter
{
    /// <summary>Boot failures in a row, with no worker ever READY in between, that halt the master.</summary>
    public const int MaxBootFailures = 5;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Channel<ArbiterEvent> _events = Channel.CreateUnbounded<ArbiterEvent>();
    private readonly SupervisorConfig _config;
    private readonly IWorkerSpawner _spawner;
    private readonly ISlotReader _slots;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly WorkerTable _workers;
    private readonly RestartBackoff _backoff = new();
    private readonly int _wanted;
    private int _bootFailures;
    private StopMode? _stopping;
    private long _stopDeadlineMs;
    private bool _killedStragglers;
    private HaltException? _halt;

    public Arbiter(SupervisorConfig config, IWorkerSpawner spawner, ISlotReader slots, ITickClock clock, ILogger log, Random random)
    {
        _config = config;
        _spawner = spawner;
        _slots = slots;
        _clock = clock;
        _log = log;
        _random = random;
        _workers = new WorkerTable(slots.SlotCount);
        _wanted = config.Workers;
    }

    public WorkerTable Workers => _workers;

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

            ObserveWorkers();
            ManageWorkers();
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
        switch (arbiterEvent)
        {
            case ArbiterEvent.WorkerExited exited:
                ReapWorker(exited.Pid, exited.ExitCode);
                break;
            case ArbiterEvent.SignalReceived { Signal: Libc.SIGTERM }: // graceful stop
                _log.Information(MasterMessages.HandlingSignal, "term");
                BeginStop(StopMode.Graceful);
                break;
            case ArbiterEvent.SignalReceived { Signal: Libc.SIGINT or Libc.SIGQUIT } quick: // quick stop
                _log.Information(MasterMessages.HandlingSignal, quick.Signal == Libc.SIGINT ? "int" : "quit");
                BeginStop(StopMode.Quick);
                break;
        }
    }

    private void ReapWorker(int pid, int exitCode)
    {
        if (_workers.Remove(pid) is not { } worker)
        {
            return;
        }

        var now = _clock.NowMs;
        // The slot keeps the worker's last word: it may have retired and exited between two passes.
        var slot = _slots.Read(worker.Slot);
        var own = slot.Pid == pid;
        worker.WasReady |= own && slot.State is WorkerState.Ready or WorkerState.Retiring or WorkerState.Stopping;
        worker.Retiring |= own && slot.State == WorkerState.Retiring;
        var expected = _stopping is not null || ((worker.Retiring || worker.StopSent) && exitCode == ExitCodes.Ok);
        if (expected)
        {
            _log.Information(MasterMessages.WorkerExiting, pid);
            return;
        }

        ExitReport.Log(_log, worker, exitCode);
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
                throw new HaltException("Worker failed to boot.", ExitCodes.WorkerBootError);
            }
        }

        _backoff.RecordDeath(now, now - worker.SpawnedAtMs);
    }

    /// <summary>Reads every slot: notes READY and RETIRING, and kills workers past the timeout.</summary>
    private void ObserveWorkers()
    {
        var now = _clock.NowMs;
        foreach (var worker in _workers.All)
        {
            var slot = _slots.Read(worker.Slot);
            var own = slot.Pid == worker.Pid;
            if (own && !worker.WasReady && slot.State is WorkerState.Ready or WorkerState.Retiring)
            {
                worker.WasReady = true;
                _bootFailures = 0;
                _log.Debug(MasterMessages.WorkerReady, worker.Pid);
            }

            if (own && slot.State == WorkerState.Retiring && !worker.Retiring)
            {
                worker.Retiring = true;
                _log.Information(MasterMessages.WorkerRetiring, worker.Pid, worker.Spec.Quota);
            }

            if (worker.WasReady && now - worker.SpawnedAtMs >= RestartBackoff.StableAfter.TotalMilliseconds)
            {
                _backoff.Reset();
            }

            if (TimeoutPolicy.Check(worker, slot, now, _config.Timeout) is { } verdict)
            {
                _log.Fatal(MasterMessages.WorkerTimeout, worker.Pid, verdict.Detail);
                worker.Killed = true;
                worker.Process.Signal(Libc.SIGKILL);
            }
        }
    }

    /// <summary>Spawns or retires workers until the active count is the wanted count; drives a stop.</summary>
    private void ManageWorkers()
    {
        if (_stopping is not null)
        {
            ProgressStop();
            return;
        }

        var active = _workers.Active;
        for (var missing = _wanted - active.Count; missing > 0 && _backoff.MaySpawn(_clock.NowMs); missing--)
        {
            SpawnWorker();
            if (_backoff.Failures > 0)
            {
                _log.Warning(MasterMessages.Backoff, _backoff.CurrentDelay.TotalSeconds, _backoff.Failures);
                _backoff.Defer(_clock.NowMs);
                break;
            }
        }

        foreach (var extra in active.Take(Math.Max(0, active.Count - _wanted)))
        {
            StopWorker(extra, Libc.SIGTERM);
        }
    }

    private void SpawnWorker()
    {
        var slot = _workers.FreeSlot() ?? throw new InvalidOperationException("Every scoreboard slot is taken.");
        var spec = new WorkerSpec(slot, Generation: 1, QuotaDraw.Next(_random, _config.MaxRequests, _config.MaxRequestsJitter));
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

    private void BeginStop(StopMode mode)
    {
        if (_stopping == StopMode.Quick || _stopping == mode)
        {
            return;
        }

        _stopping = mode;
        _stopDeadlineMs = _clock.NowMs + (_config.GracefulTimeout * 1000L);
        var signal = mode == StopMode.Graceful ? Libc.SIGTERM : Libc.SIGQUIT;
        foreach (var worker in _workers.All.Where(w => !w.Killed))
        {
            StopWorker(worker, signal);
        }
    }

    private void ProgressStop()
    {
        if (_workers.Count == 0)
        {
            Finished = true;
            return;
        }

        var now = _clock.NowMs;
        if (!_killedStragglers && now >= _stopDeadlineMs)
        {
            _killedStragglers = true;
            _stopDeadlineMs = now + (long)KillWait.TotalMilliseconds;
            foreach (var worker in _workers.All)
            {
                _log.Warning(MasterMessages.KillingAfterGracefulTimeout, worker.Pid, _config.GracefulTimeout);
                worker.Killed = true;
                worker.Process.Signal(Libc.SIGKILL);
            }
        }
        else if (_killedStragglers && now >= _stopDeadlineMs)
        {
            // SIGKILL cannot be refused; a worker still listed has exited without us hearing of it.
            Finished = true;
        }
    }

    private void Halt(HaltException reason)
    {
        _halt ??= reason;
        BeginStop(StopMode.Quick);
        ProgressStop();
    }
}
