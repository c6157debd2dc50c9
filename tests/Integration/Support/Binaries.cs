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

    /// <summary>The load client of the benchmarks' fault runs (bench/LoadClient).</summary>
    public static string LoadClient { get; } = Path.Combine(RepositoryRoot, "bench", "LoadClient", "bin", Configuration, "net10.0", "loadclient");

    private static string Built(string project, string name) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", name);

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
