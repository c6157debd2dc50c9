using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>
/// Makes an unmodified ASP.NET Core app a worker: the runtime runs the injected startup hook before the app's
/// <c>Main</c>, and the hook adds a hosting startup that wires the Worker library into the app's web host.
/// </summary>
internal static class AppInjection
{
    /// <summary>The runtime's list of startup hook assemblies (paths, separated like PATH).</summary>
    public const string StartupHooks = "DOTNET_STARTUP_HOOKS";

    /// <summary>The folder beside the supervisor executable that holds what is injected.</summary>
    public const string Folder = "inject";

    public const string HookAssembly = "Supervisor.Worker.Injection.dll";

    /// <summary>The Worker library's file, beside an app that references it.</summary>
    public const string WorkerAssembly = ManagedApp.WorkerAssembly;

    /// <summary>The hook this app gets, or null when the app calls the Worker library itself.</summary>
    /// <exception cref="HaltException">app_mode = "inject" on an app that cannot be injected, or the hook is missing.</exception>
    public static string? HookFor(SupervisorConfig config, string hookFolder)
    {
        if (config.Get(Settings.AppMode) == AppMode.Library)
        {
            return null;
        }

        var main = ManagedApp.MainAssembly(config.Get(Settings.App), config.Get(Settings.Chdir) ?? Environment.CurrentDirectory);
        if (config.Get(Settings.AppMode) == AppMode.Auto && (main is null || ManagedApp.ShipsWorkerLibrary(main)))
        {
            return null;
        }

        if (main is null)
        {
            throw new HaltException(
                $"App failed to load: app_mode = \"inject\" needs a framework-dependent .NET app ('dotnet MyApp.dll', or an executable beside its MyApp.runtimeconfig.json), and {config.Get(Settings.App)[0]} is not one. " +
                "A Native AOT app cannot be injected: reference Supervisor.Worker, call builder.UseSupervisorWorker() and set app_mode = \"library\".",
                ExitCodes.AppLoadError);
        }

        var hook = Path.Combine(hookFolder, HookAssembly);
        if (!File.Exists(hook))
        {
            throw new HaltException(
                $"App failed to load: {hook} is missing, so the Worker library cannot be injected into {Path.GetFileName(main)}. " +
                "Reinstall supervisor, or call builder.UseSupervisorWorker() in the app and set app_mode = \"library\".",
                ExitCodes.AppLoadError);
        }

        return hook;
    }

    /// <summary>The injected files of this supervisor: inject/ beside its executable.</summary>
    public static string DefaultHookFolder() => Path.Combine(AppContext.BaseDirectory, Folder);

    /// <summary>Adds the hook to the worker's environment, after any hook the user set.</summary>
    public static void Apply(IDictionary<string, string?> environment, string hook)
    {
        environment[StartupHooks] = environment.TryGetValue(StartupHooks, out var existing) && !string.IsNullOrEmpty(existing)
            ? existing + Path.PathSeparator + hook
            : hook;
    }
}
