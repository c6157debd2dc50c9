using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Metrics;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Requests;
using Supervisor.Worker.Scoreboard;

namespace Supervisor.Worker;

/// <summary>Wires a supervised worker: contract, slot, Kestrel, lifetime and middleware.</summary>
internal static class SupervisedWorker
{
    public static void Configure(IServiceCollection services, LogReopenSignal reopenLogs, SupervisorWorkerOptions options)
    {
        var contract = ReadContract();
        if (contract.ProcName.Length > 0)
        {
            ProcessName.Set(ProcessName.For(contract.ProcName, "worker"));
        }

        var slot = ClaimSlot(contract);
        BootFailure.ExitOnUnhandledExceptionWhileBooting(slot);
        var overridden = new OverriddenUrls();
        services.AddSingleton(overridden);
        KestrelWiring.Apply(services, contract, overridden);
        WorkerLogging.Apply(services, contract, reopenLogs, options.ErrorLogOnly);

        services.AddSingleton(contract);
        // Registered as an instance, so the container never disposes (unmaps) it while a late
        // request or heartbeat still writes; the mapping lives until the process exits.
        services.AddSingleton(slot);
        var quota = new RequestQuota(contract.MaxRequests);
        services.AddSingleton(quota);
        services.AddSingleton(new WorkerInfo(quota, contract.Slot, contract.Generation));
        services.AddSingleton(new MasterWatch(contract.MasterPid));
        services.AddSingleton(_ => new InFlightRequests(slot));
        services.AddSingleton(provider =>
        {
            var gate = provider.GetRequiredService<AcceptGate>();
            var drain = new WorkerDrain(
                slot, provider.GetRequiredService<IHostApplicationLifetime>(), gate, WorkerDrain.Linger(contract.KeepAlive, contract.GracefulTimeout));
            drain.RetireAtQuota(quota, provider.GetRequiredService<ILoggerFactory>().CreateLogger(WorkerLifetime.LoggerCategory));
            return drain;
        });
        services.AddSingleton<IHostLifetime, WorkerLifetime>();
        services.AddSingleton<IStartupFilter>(new WorkerStartupFilter(supervised: true));
        AccessLogWiring.Register(services, contract, reopenLogs, options.AccessLog);
        StatsdWiring.Register(services, contract);
    }

    private static WorkerContract ReadContract()
    {
        try
        {
            return WorkerContract.FromEnvironment();
        }
        catch (WorkerContractException ex)
        {
            BootFailure.Exit(ex.Message);
            throw;
        }
    }

    /// <summary>
    /// proc_name as the master shows it: "NAME worker" in ps -o comm and top (Linux keeps 15 bytes of it), else
    /// NAME alone. /proc/self/comm names the main thread, whichever thread writes it; a refusal leaves the name.
    /// </summary>
    private static SlotWriter ClaimSlot(WorkerContract contract)
    {
        try
        {
            var wake = contract.WakeFd is { } fd ? MasterWake.Open(fd) : null;
            var slot = Scoreboard.Scoreboard.Open(contract.ScoreboardPath).OpenSlot(contract.Slot, wake);
            slot.Claim(Environment.ProcessId, contract.Generation, Environment.TickCount64);
            return slot;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            BootFailure.Exit($"cannot use slot {contract.Slot} of the scoreboard '{contract.ScoreboardPath}': {ex.Message}");
            throw;
        }
    }
}
