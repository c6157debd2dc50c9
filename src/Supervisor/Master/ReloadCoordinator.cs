using Serilog;
using Supervisor.Master.Workers;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master;

/// <summary>
/// One reload at a time, and the worker count TTIN, TTOU and WINCH move: a HUP during a reload waits for it (and
/// TTIN and TTOU after that HUP wait with it), a reload ends once its workers are READY, and a generation that never
/// boots is rolled back.
/// </summary>
internal sealed class ReloadCoordinator
{
    private readonly ReloadQueue _reloads = new();
    private readonly Generations _generations;
    private readonly WorkerTable _workers;
    private readonly IArbiterHost _host;
    private readonly ILogger _log;
    private readonly RestartBackoff _backoff;
    private readonly Func<WorkerReaper> _reaper;

    public ReloadCoordinator(Generations generations, WorkerTable workers, IArbiterHost host, ILogger log, RestartBackoff backoff, Func<WorkerReaper> reaper)
    {
        _generations = generations;
        _workers = workers;
        _host = host;
        _log = log;
        _backoff = backoff;
        _reaper = reaper;
    }

    public bool UnderWay => _reloads.UnderWay;

    public void Reload()
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
        _host.NotifyReloading();
        if (_generations.TryReload(_host))
        {
            _reloads.Started();
            _reaper().ResetBootFailures();
            _backoff.Reset();
        }
        else
        {
            // Refused: the running configuration and workers stay, so the service is as ready as it was.
            _host.NotifyReady(_workers.ReadyCount);
        }
    }

    /// <summary>TTIN (+1) or TTOU (-1): applies now, and again on top of the count a waiting HUP sets.</summary>
    public void Scale(int delta)
    {
        _generations.Scale(delta);
        _reloads.Scaled(delta);
    }

    /// <summary>WINCH, the middle step of a binary upgrade: no workers wanted, once a new master serves beside this one.</summary>
    public void StopWorkersKeepMaster()
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

    /// <summary>
    /// A reload is over once the current generation has all its workers READY; a HUP that waited for it starts
    /// now, and the TTIN and TTOU that came after that HUP apply on top of the count it sets.
    /// </summary>
    public void Finish()
    {
        var ready = _workers.Active.Count(w => w.Spec.Generation == _generations.Current.Number && w.WasReady);
        if (!_reloads.UnderWay || ready < _generations.Wanted)
        {
            return;
        }

        _host.NotifyReady(ready);
        if (!_reloads.Complete())
        {
            return;
        }

        var scales = _reloads.TakeScales();
        Reload();
        scales.ForEach(_generations.Scale);
    }

    /// <summary>
    /// A new generation that never boots must not take the service down while the previous one still
    /// serves: go back to it. With nothing to go back to, halt as Gunicorn does.
    /// </summary>
    public void RollBackOrHalt()
    {
        var reaper = _reaper();
        if (!_generations.TryRollBack(_workers, reaper.BootFailures, _host))
        {
            throw new HaltException("Worker failed to boot.", ExitCodes.WorkerBootError);
        }

        reaper.ResetBootFailures();
        _backoff.Reset();
        _host.NotifyReady(_workers.ReadyCount);
        if (_reloads.Complete())
        {
            // A HUP that waited would load the configuration that just failed: it is dropped, and said so.
            _log.Warning(MasterMessages.DeferredReloadDropped);
        }
    }
}
