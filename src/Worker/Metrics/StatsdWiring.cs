using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Metrics;

/// <summary>The two calls that give a supervised worker its request metrics; both do nothing without statsd_host.</summary>
internal static class StatsdWiring
{
    /// <summary>Registers the sender when the contract names a statsd; the container closes its socket as the worker exits.</summary>
    public static void Register(IServiceCollection services, WorkerContract contract)
    {
        if (StatsdSettings.From(contract) is { } settings)
        {
            services.AddSingleton(_ => new StatsdSender(settings));
        }
    }

    /// <summary>Adds the middleware when metrics are on.</summary>
    public static void Use(IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<StatsdSender>() is { } statsd)
        {
            app.Use(next => new RequestMetricsMiddleware(next, statsd, TimeProvider.System).InvokeAsync);
        }
    }
}
