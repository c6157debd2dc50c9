using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Hosting;
using Supervisor.Worker.Lifecycle;
using Supervisor.Worker.Metrics;
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
            // URLS, ASPNETCORE_URLS, --urls, HTTP_PORTS and app.Run(url) fill this list before the pipeline is
            // built. A worker listens only on the master's sockets.
            var overridden = app.ApplicationServices.GetRequiredService<OverriddenUrls>();
            overridden.DropServerAddresses(app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses);
            overridden.Report(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(WorkerLifetime.LoggerCategory));
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

        // First, so the tracking, the access log and the app all see the client rather than the proxy.
        ForwardedRequests.Use(app, ProxyTrust.Parse(contract.ForwardedAllowIps, contract.SecureSchemeHeaders));
        app.Use(next => new RequestTrackingMiddleware(next, quota, inFlight, drain, gate, closeEveryResponse).InvokeAsync);
        AccessLogWiring.Use(app);
        StatsdWiring.Use(app);
    }
}
