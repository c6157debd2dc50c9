using Microsoft.AspNetCore.Hosting;
using Supervisor.Worker.Injection;
using Supervisor.Worker.Protocol;

[assembly: HostingStartup(typeof(InjectedStartup))]

namespace Supervisor.Worker.Injection;

/// <summary>
/// The hosting startup named by the startup hook: <c>WebApplication.CreateBuilder</c> (or any web host builder) runs
/// it, and it hands the builder to the Worker library's own hosting startup, loaded in a <see cref="WorkerLoadContext"/>.
/// <see cref="IHostingStartup"/> comes from the shared framework, so the call crosses the two contexts as it is.
/// </summary>
internal sealed class InjectedStartup : IHostingStartup
{
    private const string WorkerStartupType = "Supervisor.Worker.Injection.InjectedWorker";

    public void Configure(IWebHostBuilder builder)
    {
        try
        {
            var folder = Path.GetDirectoryName(typeof(InjectedStartup).Assembly.Location)!;
            var context = new WorkerLoadContext(folder);
            var worker = context.LoadFromAssemblyPath(Path.Combine(folder, "Supervisor.Worker.dll"));
            var type = worker.GetType(WorkerStartupType, throwOnError: true)!;
            ((IHostingStartup)Activator.CreateInstance(type, nonPublic: true)!).Configure(builder);
        }
        catch (Exception e)
        {
            // The host would log this and go on to serve on the app's own address, which the master never sees:
            // its workers would only time out at boot, one after another.
            Console.Error.WriteLine(
                $"App failed to load: the Worker library could not be injected into {WebFramework.AppName()}: {e.GetBaseException().Message.ReplaceLineEndings(" ").Trim()} " +
                "Reinstall supervisor (its inject/ folder is incomplete), or call builder.UseSupervisorWorker() in the app and set app_mode = \"library\".");
            Environment.Exit(ExitCodes.AppLoadError);
        }
    }
}
