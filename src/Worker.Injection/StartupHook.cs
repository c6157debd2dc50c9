using System.Runtime.Loader;
using Supervisor.Worker.Injection;
using Supervisor.Worker.Protocol;

/// <summary>
/// Runs before the app's <c>Main</c> when the master sets <c>DOTNET_STARTUP_HOOKS</c> to this assembly (the
/// runtime looks for this name, outside any namespace). It names the hosting startup that makes the app a worker.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        var name = self.GetName().Name!;
        // The hosting startup is loaded by name; it is this assembly, already loaded from the hook's path.
        AssemblyLoadContext.Default.Resolving += (_, wanted) => wanted.Name == name ? self : null;

        if (!WebFramework.IsPresent())
        {
            Console.Error.WriteLine(
                $"App failed to load: {WebFramework.AppName()} is not an ASP.NET Core app (it does not use the Microsoft.AspNetCore.App framework), " +
                "so it cannot serve on the master's sockets. Run an ASP.NET Core web app.");
            Environment.Exit(ExitCodes.AppLoadError);
        }

        const string variable = "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES";
        var existing = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, string.IsNullOrEmpty(existing) ? name : $"{existing};{name}");
    }
}
