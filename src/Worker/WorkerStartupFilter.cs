using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Protocol;
using Supervisor.Worker.Requests;

namespace Supervisor.Worker;

/// <summary>
/// Puts the worker's middleware first in the app's pipeline, so the app needs no second call.
/// </summary>
internal sealed class WorkerStartupFilter : IStartupFilter
{
    private readonly bool _supervised;

    public WorkerStartupFilter(bool supervised) => _supervised = supervised;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (_supervised)
        {
            // URLS, ASPNETCORE_URLS, --urls and HTTP_PORTS fill this list before the pipeline is
            // built; left there, Kestrel would log "Overriding address(es)". A worker listens only
            // on the master's sockets.
            app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses.Clear();
            UseTracking(app);
        }
        else
        {
            var quota = app.ApplicationServices.GetRequiredService<WorkerInfo>().Quota;
            app.Use(next => context =>
            {
                quota.Start();
                return next(context);
            });
        }

        next(app);
    };

    private static void UseTracking(IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var quota = services.GetRequiredService<RequestQuota>();
        var inFlight = services.GetRequiredService<InFlightRequests>();
        var drain = services.GetRequiredService<WorkerDrain>();
        var contract = services.GetRequiredService<WorkerContract>();
        var closeEveryResponse = contract.KeepAlive == TimeSpan.Zero;
        var gate = services.GetRequiredService<AcceptGate>();
        app.Use(next => new RequestTrackingMiddleware(next, quota, inFlight, drain, gate, closeEveryResponse).InvokeAsync);
        AccessLogWiring.Use(app);
    }
}
