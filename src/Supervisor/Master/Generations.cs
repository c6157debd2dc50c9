using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Hooks;
using Supervisor.Master.Workers;

namespace Supervisor.Master;

/// <summary>
/// The configuration workers are started with now, the one before it (kept until the new one has booted, so a
/// reload that cannot boot can be undone), and how many workers are wanted.
/// </summary>
internal sealed class Generations
{
    private readonly ILogger _log;
    private readonly int _slots;
    private Generation? _previous;
    private int? _announced;

    /// <param name="slots">Scoreboard slots: one generation may have half, so a whole second one fits beside it.</param>
    public Generations(SupervisorConfig config, IReadOnlyList<int> listenFds, ILogger log, int slots)
    {
        _log = log;
        _slots = slots;
        MaxWanted = Math.Max(1, slots / 2);
        Current = new Generation(1, config, listenFds);
        Wanted = Bounded(config.Get(Settings.Workers));
    }

    public Generation Current { get; private set; }

    /// <summary>Workers wanted: the configuration's count, moved by TTIN, TTOU and WINCH until the next reload.</summary>
    public int Wanted { get; set; }

    public int MaxWanted { get; }

    /// <summary>
    /// Gunicorn's nworkers_changed: whatever moved the count (start, TTIN, TTOU, WINCH, a reload or its roll-back),
    /// the hook hears the count before and after, the count before unset the first time.
    /// </summary>
    public void AnnounceWanted(IArbiterHost host)
    {
        if (_announced == Wanted)
        {
            return;
        }

        host.RunHook(HookEvent.WorkersChanged(_announced, Wanted));
        _announced = Wanted;
    }

    /// <summary>TTIN (+1) or TTOU (-1): the count moves, never below one nor above <see cref="MaxWanted"/>.</summary>
    public void Scale(int delta)
    {
        if (delta > 0 && Wanted >= MaxWanted)
        {
            _log.Warning(MasterMessages.TtinRefused, MaxWanted, _slots);
            return;
        }

        Wanted = Math.Clamp(Wanted + delta, 1, MaxWanted);
        _log.Information(MasterMessages.WorkerCount, Wanted);
    }

    /// <summary>The configuration's worker count, within what the scoreboard holds (with a line when it is cut).</summary>
    private int Bounded(int workers)
    {
        if (workers <= MaxWanted)
        {
            return workers;
        }

        _log.Warning(MasterMessages.WorkersCapped, workers, MaxWanted, _slots);
        return MaxWanted;
    }

    /// <summary>Reads the configuration again and, when it is valid and its sockets bind, starts the next generation.</summary>
    public bool TryReload(IArbiterHost host)
    {
        var loaded = host.LoadConfig();
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Problems)
            {
                _log.Error(MasterMessages.ReloadProblem, problem.ToString());
            }

            _log.Error(MasterMessages.ReloadRefused, loaded.Problems.Count);
            host.ReportReload(accepted: false, loaded.Problems.Select(p => p.ToString()).ToList());
            return false;
        }

        var config = loaded.Config!;
        IReadOnlyList<int> fds;
        try
        {
            fds = host.EnsureListeners(config);
        }
        catch (HaltException e)
        {
            _log.Error(MasterMessages.ReloadBindFailed, e.Message);
            host.ReportReload(accepted: false, [e.Message]);
            return false;
        }

        _log.Information(MasterMessages.Reloaded, ConfigChanges.Describe(Current.Config, config));
        host.ApplyLogSettings(config);
        _previous = Current;
        Current = new Generation(Current.Number + 1, config, fds);
        Wanted = Bounded(config.Get(Settings.Workers));
        host.ReportReload(accepted: true, []);
        host.RunHook(HookEvent.Reloaded(Current.Number));
        return true;
    }

    /// <summary>
    /// Goes back to the previous generation when some of its workers still serve; false when there is nothing
    /// to go back to.
    /// </summary>
    public bool TryRollBack(WorkerTable workers, int failures, IArbiterHost host)
    {
        var previous = _previous;
        if (previous is null || !workers.Active.Any(w => w.Spec.Generation == previous.Number && w.WasReady))
        {
            return false;
        }

        _log.Error(MasterMessages.RolledBack, failures, previous.Number);
        Current = previous;
        _previous = null;
        Wanted = Bounded(previous.Config.Get(Settings.Workers));
        host.ApplyLogSettings(previous.Config);
        return true;
    }
}
