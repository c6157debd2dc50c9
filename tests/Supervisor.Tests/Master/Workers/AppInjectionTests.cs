using Supervisor.Master.Workers;
using Supervisor.Tests.Configuration;

namespace Supervisor.Tests.Master.Workers;

/// <summary>Which apps get the Worker library injected, and what the user is told when one cannot.</summary>
public sealed class AppInjectionTests : IDisposable
{
    private readonly ConfigFixture _configs = new();

    public void Dispose() => _configs.Dispose();

    private string HookFolder
    {
        get
        {
            var folder = Directory.CreateDirectory(Path.Combine(_configs.Folder, "inject")).FullName;
            File.WriteAllText(Path.Combine(folder, AppInjection.HookAssembly), "");
            return folder;
        }
    }

    private string App(string name, params string[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_configs.Folder, "out")).FullName;
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "");
        }

        return Path.Combine(folder, name);
    }

    [Fact]
    public void AutoInjectsIntoDotnetRunningAnAppWithoutTheWorkerLibrary()
    {
        var dll = App("MyApp.dll", "MyApp.dll");
        var config = _configs.Valid($"app = [\"dotnet\", \"{dll}\"]");

        Assert.Equal(Path.Combine(HookFolder, AppInjection.HookAssembly), AppInjection.HookFor(config, HookFolder));
    }

    [Fact]
    public void AutoInjectsIntoAnApphostBesideItsRuntimeConfig()
    {
        var apphost = App("MyApp", "MyApp", "MyApp.dll", "MyApp.runtimeconfig.json");
        var config = _configs.Valid($"app = \"{apphost}\"");

        Assert.NotNull(AppInjection.HookFor(config, HookFolder));
    }

    [Fact]
    public void AutoLeavesAnAppThatShipsTheWorkerLibraryAlone()
    {
        var dll = App("MyApp.dll", "MyApp.dll", AppInjection.WorkerAssembly);
        var config = _configs.Valid($"app = [\"dotnet\", \"{dll}\"]");

        Assert.Null(AppInjection.HookFor(config, HookFolder));
    }

    [Fact]
    public void AutoLeavesANativeExecutableAlone()
    {
        var native = App("MyApp", "MyApp");
        var config = _configs.Valid($"app = \"{native}\"");

        Assert.Null(AppInjection.HookFor(config, HookFolder));
    }

    [Fact]
    public void LibraryNeverInjects()
    {
        var dll = App("MyApp.dll", "MyApp.dll");
        var config = _configs.Valid($"app = [\"dotnet\", \"{dll}\"]\napp_mode = \"library\"");

        Assert.Null(AppInjection.HookFor(config, HookFolder));
    }

    [Fact]
    public void InjectIntoANativeExecutableHaltsSayingToUseTheOneLiner()
    {
        var native = App("MyApp", "MyApp");
        var config = _configs.Valid($"app = \"{native}\"\napp_mode = \"inject\"");

        var halt = Assert.Throws<HaltException>(() => AppInjection.HookFor(config, HookFolder));

        Assert.Equal(4, halt.ExitCode);
        Assert.Equal(
            $"App failed to load: app_mode = \"inject\" needs a framework-dependent .NET app ('dotnet MyApp.dll', or an executable beside its MyApp.runtimeconfig.json), and {native} is not one. " +
            "A Native AOT app cannot be injected: reference Supervisor.Worker, call builder.UseSupervisorWorker() and set app_mode = \"library\".",
            halt.Message);
    }

    [Fact]
    public void AMissingHookHaltsNamingIt()
    {
        var dll = App("MyApp.dll", "MyApp.dll");
        var config = _configs.Valid($"app = [\"dotnet\", \"{dll}\"]");
        var missing = Path.Combine(_configs.Folder, "nowhere");

        var halt = Assert.Throws<HaltException>(() => AppInjection.HookFor(config, missing));

        Assert.StartsWith($"App failed to load: {Path.Combine(missing, AppInjection.HookAssembly)} is missing, so the Worker library cannot be injected into MyApp.dll.", halt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHookComesAfterHooksTheUserSet()
    {
        var environment = new Dictionary<string, string?> { [AppInjection.StartupHooks] = "/opt/their.dll" };

        AppInjection.Apply(environment, "/opt/supervisor/inject/hook.dll");

        Assert.Equal("/opt/their.dll:/opt/supervisor/inject/hook.dll", environment[AppInjection.StartupHooks]);
    }
}
