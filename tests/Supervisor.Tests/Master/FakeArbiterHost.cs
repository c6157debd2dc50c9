using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Hooks;
using Supervisor.Master;

namespace Supervisor.Tests.Master;

internal sealed class FakeArbiterHost : IArbiterHost
{
    public bool IsInteractive { get; set; }

    public bool HasChildMaster { get; set; }

    /// <summary>What the next HUP reads.</summary>
    public ConfigResult? NextConfig { get; set; }

    public HaltException? BindFailure { get; set; }

    public List<IReadOnlySet<int>> CloseRequests { get; } = [];

    public List<SupervisorConfig> AppliedLogSettings { get; } = [];

    public int Reopens { get; private set; }

    public int ChildMastersStarted { get; private set; }

    /// <summary>Each reload's outcome as the master reported it: accepted, and the reasons when not.</summary>
    public List<(bool Accepted, IReadOnlyList<string> Reasons)> ReloadReports { get; } = [];

    public void ReportReload(bool accepted, IReadOnlyList<string> reasons) => ReloadReports.Add((accepted, reasons));

    /// <summary>What the service manager heard, in order: READY=N, RELOADING, STOPPING, STATUS=N.</summary>
    public List<string> Notices { get; } = [];

    public int WatchdogPings { get; private set; }

    public void NotifyReady(int readyWorkers) => Notices.Add($"READY={readyWorkers}");

    public void NotifyReloading() => Notices.Add("RELOADING");

    public void NotifyStopping() => Notices.Add("STOPPING");

    public void NotifyWorkerCount(int readyWorkers) => Notices.Add($"STATUS={readyWorkers}");

    /// <summary>Every count the arbiter reported, one per pass of its loop.</summary>
    public List<int> WorkerCounts { get; } = [];

    public void CountWorkers(int workers) => WorkerCounts.Add(workers);

    public void PingWatchdog(long nowMs) => WatchdogPings++;

    public ConfigResult LoadConfig() => NextConfig ?? throw new InvalidOperationException("The test set no configuration to reload.");

    public IReadOnlyList<int> EnsureListeners(SupervisorConfig config) =>
        BindFailure is not null ? throw BindFailure : config.Get(Settings.Bind).Select(b => b.Port).ToList();

    public void CloseUnusedListeners(IReadOnlySet<int> fdsInUse) => CloseRequests.Add(fdsInUse);

    public int StopListeningCalls { get; private set; }

    public void StopListening() => StopListeningCalls++;

    public void ApplyLogSettings(SupervisorConfig config) => AppliedLogSettings.Add(config);

    public void ReopenLogs() => Reopens++;

    /// <summary>What a stack dump returns; null plays a dump that failed.</summary>
    public string? StackReport { get; set; }

    public TimeSpan DumpDelay { get; set; }

    public List<int> Dumped { get; } = [];

    public string? DumpStacks(int pid, TimeSpan limit)
    {
        lock (Dumped)
        {
            Dumped.Add(pid);
        }

        Thread.Sleep(DumpDelay);
        return StackReport;
    }

    /// <summary>Resident memory by pid, as /proc would report it.</summary>
    public Dictionary<int, long> Rss { get; } = [];

    public long? ReadRssBytes(int pid) => Rss.TryGetValue(pid, out var bytes) ? bytes : null;

    public void StartChildMaster() => ChildMastersStarted++;

    /// <summary>The hooks the arbiter asked for, in order.</summary>
    public List<HookEvent> Hooks { get; } = [];

    public void RunHook(HookEvent hookEvent) => Hooks.Add(hookEvent);

    /// <summary>The hooks asked for by this name, each as its variables.</summary>
    public List<Dictionary<string, string>> HooksNamed(string name) =>
        Hooks.Where(h => h.Name == name).Select(h => h.Variables.ToDictionary(v => v.Key, v => v.Value)).ToList();
}
