using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using SampleApp.Api;
using SampleApp.Auth;
using SampleApp.Data;
using SampleApp.Endpoints;
using SampleApp.Plans;
using SampleApp.Subscriptions;
using Supervisor.Worker;
using Supervisor.Worker.Protocol;

namespace SampleApp.Hosting;

/// <summary>The web app: the sample endpoints, the subscription API on PostgreSQL, and its static page.</summary>
internal static class WebApp
{
    /// <summary>Where the static files are served, by the app and by nginx alike.</summary>
    public const string StaticPath = "/static";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.UseSupervisorWorker();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // The context's own naming policy does not carry over when it joins the resolver chain.
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default);
        });

        DatabaseSettings? settings;
        Microsoft.AspNetCore.Builder.ForwardedHeadersOptions forwarded;
        try
        {
            settings = DatabaseSettings.FromEnvironment(Environment.GetEnvironmentVariable);
            forwarded = ForwardedAllowIps.Parse(Environment.GetEnvironmentVariable(ForwardedAllowIps.Variable));
        }
        catch (Exception e) when (e is DatabaseSettingsException or FormatException)
        {
            // Exit code 3: the supervisor counts it as a failed boot and halts when it repeats, showing this line.
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.WorkerBootError;
        }

        builder.Services.AddSingleton(new Database(settings));

        await using var app = builder.Build();
        app.UseForwardedHeaders(forwarded);
        app.UseDatabaseErrors();
        UseStaticPage(app);
        app.MapRootEndpoints();
        app.MapWorkerEndpoints();
        app.MapSleepEndpoints();
        app.MapDiagnosticsEndpoints();
        app.MapClientEndpoints();
        app.MapReadinessEndpoints();
        app.MapAuthEndpoints();
        app.MapPlanEndpoints();
        app.MapSubscriptionEndpoints();
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// From beside the executable, not the content root: workers run in the master's working folder.
    /// Behind nginx the same URLs are served from the collected copy and never reach the app.
    /// </summary>
    private static void UseStaticPage(WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(folder))
        {
            return;
        }

        var provider = new PhysicalFileProvider(folder);
        app.Lifetime.ApplicationStopped.Register(provider.Dispose);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = provider, RequestPath = StaticPath });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = provider, RequestPath = StaticPath });
    }
}
