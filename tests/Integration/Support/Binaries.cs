using System.Reflection;

namespace Integration.Support;

/// <summary>Where the built supervisor, SampleApp and load client are, for the configuration the tests were built in.</summary>
public static class Binaries
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string Configuration { get; } =
        typeof(Binaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string Supervisor { get; } = Built("Supervisor", "supervisor");

    public static string SampleApp { get; } = Built("SampleApp", "SampleApp");

    /// <summary>A plain `dotnet new web` app that knows nothing of the supervisor (tests/Apps).</summary>
    public static string PlainWebApp { get; } = TestApp("PlainWebApp", "net10.0") + ".dll";

    /// <summary>A web app built for .NET 8 with its own Serilog 3 and Npgsql 8, run as its apphost.</summary>
    public static string SerilogWebApp { get; } = TestApp("SerilogWebApp", "net8.0");

    /// <summary>SerilogWebApp self-contained on .NET 8's own runtime (linux-x64): its apphost.</summary>
    public static string Net8WebApp { get; } = Path.Combine(RepositoryRoot, "tests", "Apps", "Net8WebApp", "bin", Configuration, "net8.0", "linux-x64", "Net8WebApp");

    /// <summary>A console app: not a web app, so nothing can make it serve.</summary>
    public static string ConsoleApp { get; } = TestApp("ConsoleApp", "net10.0") + ".dll";

    /// <summary>The load client of the benchmarks' fault runs (bench/LoadClient).</summary>
    public static string LoadClient { get; } = Path.Combine(RepositoryRoot, "bench", "LoadClient", "bin", Configuration, "net10.0", "loadclient");

    private static string Built(string project, string name) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", name);

    private static string TestApp(string name, string framework) =>
        Path.Combine(RepositoryRoot, "tests", "Apps", name, "bin", Configuration, framework, name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Supervisor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Supervisor.sln above {AppContext.BaseDirectory}.");
    }
}
