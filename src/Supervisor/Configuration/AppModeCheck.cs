using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration;

/// <summary>
/// Whether the app can become a worker the way <c>app_mode</c> asks, told before anything starts: otherwise its
/// workers would only time out at boot, one after another.
/// </summary>
internal static class AppModeCheck
{
    private const string OneLiner = "add the one-liner to the app (reference the Supervisor.Worker package, call builder.UseSupervisorWorker())";

    /// <summary>The setting at fault and why, or null when the app can become a worker.</summary>
    /// <param name="path">The PATH a bare executable name is looked up on.</param>
    public static (Setting Setting, string Reason)? Problem(SupervisorConfig config, string? path)
    {
        var app = config.Get(Settings.App);
        var folder = config.Get(Settings.Chdir) ?? Environment.CurrentDirectory;
        var mode = config.Get(Settings.AppMode);
        if (app.Count == 0 || mode == AppMode.Library)
        {
            return null;
        }

        if (ManagedApp.MainAssembly(app, folder, path) is { } main)
        {
            // Told once here, rather than by each worker's injected hook as it starts.
            var injected = mode == AppMode.Inject || !ManagedApp.ShipsWorkerLibrary(main);
            return injected && ManagedApp.RunsOnAspNetCore(main) is false
                ? (Settings.App,
                    $"{Path.GetFileName(main)} is not an ASP.NET Core app (its {Path.GetFileName(Path.ChangeExtension(main, ".runtimeconfig.json"))} names no Microsoft.AspNetCore.App framework), " +
                    "so it cannot serve on the master's sockets; run an ASP.NET Core web app")
                : null;
        }

        var executable = ManagedApp.Locate(app[0], folder, path);
        switch (mode)
        {
            case AppMode.Inject:
                var nativeAot = executable is not null && NativeAotImage.CarriesLiteral(executable, ContractVariables.ListenFds) is not null;
                return (Settings.AppMode,
                    $"{executable ?? app[0]} is not a framework-dependent .NET app ('dotnet MyApp.dll', or an executable beside its MyApp.runtimeconfig.json), so nothing can be injected into it; " +
                    (nativeAot
                        ? $"it is a Native AOT app, which startup hooks cannot reach: {OneLiner} and set app_mode = \"library\""
                        : "name the app itself in app, as in [\"dotnet\", \"MyApp.dll\"], not a program or script that starts it"));
            case AppMode.Auto when executable is not null && NativeAotImage.CarriesLiteral(executable, ContractVariables.ListenFds) is false:
                // The Worker library's contract variable is a literal in every app compiled with it.
                return (Settings.App,
                    $"{executable} is a Native AOT app without the Worker library, and the Worker library cannot be injected into it (startup hooks do not run in Native AOT apps); {OneLiner} and publish it again");
            default:
                return null;
        }
    }
}
