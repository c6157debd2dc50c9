using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker;

/// <summary>The one call that makes an ASP.NET Core app a supervised worker.</summary>
public static class WorkerHostingExtensions
{
    /// <summary>
    /// Set by the master's injected hosting startup, so an app that also calls <c>UseSupervisorWorker</c> is
    /// wired once, not twice.
    /// </summary>
    internal const string InjectedSwitch = "Supervisor.Worker.Injected";

    /// <summary>
    /// When the process was started by the supervisor (<c>SUPERVISOR_LISTEN_FDS</c> is set): serve on
    /// the inherited sockets only, report to the scoreboard, heartbeat, honour the request quota, and
    /// handle TERM (drain), INT/QUIT (exit now), USR1 (reopen logs) and HUP (ignored). Otherwise the
    /// app stays a plain Kestrel app; only <see cref="WorkerInfo"/> is added, counting requests.
    /// A malformed contract exits the process with code 3 and a message naming the variable.
    /// </summary>
    /// <param name="builder">The app's builder, from <c>WebApplication.CreateBuilder(args)</c>.</param>
    /// <param name="configure">Tunes what an app may tune (<see cref="SupervisorWorkerOptions"/>); null keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder UseSupervisorWorker(this WebApplicationBuilder builder, Action<SupervisorWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddWorker(builder.Services, configure);
        return builder;
    }

    /// <summary>
    /// As <see cref="UseSupervisorWorker(WebApplicationBuilder, Action{SupervisorWorkerOptions})"/>, for a host built with
    /// <see cref="IHostApplicationBuilder"/> that runs Kestrel (a <c>WebApplicationBuilder</c> seen through
    /// its interface, or a host that adds Kestrel itself).
    /// </summary>
    /// <param name="builder">The app's host builder.</param>
    /// <param name="configure">Tunes what an app may tune (<see cref="SupervisorWorkerOptions"/>); null keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder UseSupervisorWorker(this IHostApplicationBuilder builder, Action<SupervisorWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddWorker(builder.Services, configure);
        return builder;
    }

    /// <summary>
    /// As <see cref="UseSupervisorWorker(WebApplicationBuilder, Action{SupervisorWorkerOptions})"/>, for an app built with
    /// <c>Host.CreateDefaultBuilder().ConfigureWebHostDefaults(web => web.UseSupervisorWorker())</c> or
    /// <c>WebHost.CreateDefaultBuilder()</c>.
    /// </summary>
    /// <param name="builder">The app's web host builder.</param>
    /// <param name="configure">Tunes what an app may tune (<see cref="SupervisorWorkerOptions"/>); null keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder UseSupervisorWorker(this IWebHostBuilder builder, Action<SupervisorWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => AddWorker(services, configure));
    }

    /// <summary>Everything is a service registration, so each kind of builder gets the same worker.</summary>
    internal static void AddWorker(IServiceCollection services, Action<SupervisorWorkerOptions>? configure)
    {
        if (AppContext.GetData(InjectedSwitch) is not true)
        {
            var options = new SupervisorWorkerOptions();
            configure?.Invoke(options);
            AddWorkerServices(services, options);
        }
    }

    /// <summary>The worker's services; the injected hosting startup calls this directly, with the defaults.</summary>
    internal static void AddWorkerServices(IServiceCollection services, SupervisorWorkerOptions options)
    {
        var reopenLogs = new LogReopenSignal();
        services.AddSingleton(reopenLogs);
        if (WorkerContract.IsSupervised(Environment.GetEnvironmentVariable))
        {
            SupervisedWorker.Configure(services, reopenLogs, options);
        }
        else
        {
            services.AddSingleton(new WorkerInfo(new RequestQuota(quota: 0), slot: null, generation: null));
            services.AddSingleton<IStartupFilter>(new WorkerStartupFilter(supervised: false));
        }
    }
}
