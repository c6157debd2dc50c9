using Microsoft.AspNetCore.Hosting;
using Supervisor.Worker.Injection;

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
        var folder = Path.GetDirectoryName(typeof(InjectedStartup).Assembly.Location)!;
        var context = new WorkerLoadContext(folder);
        var worker = context.LoadFromAssemblyPath(Path.Combine(folder, "Supervisor.Worker.dll"));
        var type = worker.GetType(WorkerStartupType, throwOnError: true)!;
        ((IHostingStartup)Activator.CreateInstance(type, nonPublic: true)!).Configure(builder);
    }
}
