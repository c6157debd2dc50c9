using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Master.Workers;
using Supervisor.Platform;

namespace Supervisor.Master;

/// <summary>
/// Drives a stop through its <see cref="StopSequence"/>: closes the listeners, asks every worker to go, and kills
/// those still there at the deadline. The arbiter's loop calls it once per pass while stopping.
/// </summary>
internal sealed class StopDriver
{
    private readonly StopSequence _sequence = new();
    private readonly WorkerTable _workers;
    private readonly ITickClock _clock;
    private readonly ILogger _log;
    private readonly IArbiterHost _host;
    private readonly ArbiterStats _stats;
    private readonly Func<SupervisorConfig> _config;

    public StopDriver(WorkerTable workers, ITickClock clock, ILogger log, IArbiterHost host, ArbiterStats stats, Func<SupervisorConfig> config)
    {
        _workers = workers;
        _clock = clock;
        _log = log;
        _host = host;
        _stats = stats;
        _config = config;
    }

    public bool Stopping => _sequence.Stopping;

    /// <summary>Tells a worker to go; from then on its exit is no crash and no failed boot.</summary>
    public static void StopWorker(WorkerRecord worker, int signal)
    {
        worker.StopSent = true;
        worker.Process.Signal(signal);
    }

    public void Begin(StopMode mode)
    {
        if (!_sequence.Begin(mode, _clock.NowMs, _config().Get(Settings.GracefulTimeout)))
        {
            return;
        }

        if (!_stats.Draining)
        {
            _host.NotifyStopping();
        }

        _stats.MarkDraining();
        _host.StopListening();
        var signal = mode == StopMode.Graceful ? Libc.SIGTERM : Libc.SIGQUIT;
        foreach (var worker in _workers.All.Where(w => !w.Killed))
        {
            StopWorker(worker, signal);
        }
    }

    /// <summary>One step of the stop; true once every worker is gone and the master may exit.</summary>
    public bool Progress()
    {
        switch (_sequence.Next(_workers.Count, _clock.NowMs))
        {
            case StopStep.KillStragglers:
                foreach (var worker in _workers.All)
                {
                    if (_sequence.Mode == StopMode.Quick)
                    {
                        _log.Warning(MasterMessages.KillingAfterQuickStop, worker.Pid, StopSequence.QuickStopLimitMs / 1000);
                    }
                    else
                    {
                        _log.Warning(MasterMessages.KillingAfterGracefulTimeout, worker.Pid, _config().Get(Settings.GracefulTimeout));
                    }

                    worker.Killed = true;
                    worker.Process.Signal(Libc.SIGKILL);
                }

                return false;
            case StopStep.Done:
                return true;
            default:
                return false;
        }
    }
}
