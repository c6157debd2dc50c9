using Microsoft.AspNetCore.Hosting;

namespace Supervisor.Worker.Injection;

/// <summary>
/// The worker as the master injects it into an unmodified app: the same services as <c>UseSupervisorWorker()</c>,
/// registered from the app's web host builder. Created by name from the injected hosting startup.
/// </summary>
internal sealed class InjectedWorker : IHostingStartup
{
    public void Configure(IWebHostBuilder builder)
    {
        builder.ConfigureServices(services => WorkerHostingExtensions.AddWorkerServices(services, new SupervisorWorkerOptions()));
        // An app that also calls UseSupervisorWorker() (app_mode = "inject" on an app that ships the library) is
        // wired once: this runs first, inside WebApplication.CreateBuilder.
        AppContext.SetData(WorkerHostingExtensions.InjectedSwitch, true);
    }
}
