using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Hosting;

namespace Supervisor.Worker;

/// <summary>The one call that makes an ASP.NET Core app a supervised worker.</summary>
public static class WorkerHostingExtensions
{
    /// <summary>
    /// When the process was started by the supervisor (<c>SUPERVISOR_LISTEN_FDS</c> is set): serve on
    /// the inherited sockets only, report to the scoreboard, heartbeat, honour the request quota, and
    /// handle TERM (drain), INT/QUIT (exit now), USR1 (reopen logs) and HUP (ignored). Otherwise the
    /// app stays a plain Kestrel app; only <see cref="WorkerInfo"/> is added, counting requests.
    /// A malformed contract exits the process with code 3 and a message naming the variable.
    /// </summary>
    public static WebApplicationBuilder UseSupervisorWorker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var reopenLogs = new LogReopenSignal();
        builder.Services.AddSingleton(reopenLogs);
        if (WorkerContract.IsSupervised(Environment.GetEnvironmentVariable))
        {
            SupervisedWorker.Configure(builder, reopenLogs);
        }
        else
        {
            builder.Services.AddSingleton(new WorkerInfo(new RequestQuota(quota: 0), slot: null, generation: null));
            builder.Services.AddSingleton<IStartupFilter>(new WorkerStartupFilter(supervised: false));
        }

        return builder;
    }
}
