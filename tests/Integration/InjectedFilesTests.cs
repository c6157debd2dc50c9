using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Integration.Support;

namespace Integration;

/// <summary>
/// What the master injects (inject/ beside the built supervisor) loads into apps whose shared framework may be .NET 8's:
/// no assembly there may ask the framework for anything newer, or the injected worker fails to load on .NET 8.
/// </summary>
public sealed class InjectedFilesTests
{
    private static readonly Version Net8 = new(8, 0, 0, 0);

    private static string InjectFolder => Path.Combine(Path.GetDirectoryName(Binaries.Supervisor)!, "inject");

    [Fact]
    public void NoInjectedAssemblyReferencesAFrameworkAssemblyNewerThanNet8()
    {
        var files = Directory.GetFiles(InjectFolder, "*.dll");
        Assert.Contains(files, file => Path.GetFileName(file) == "Supervisor.Worker.dll");
        Assert.Contains(files, file => Path.GetFileName(file) == "Serilog.Extensions.Logging.dll");

        var newer = files.SelectMany(file => FrameworkReferences(file)
                .Where(reference => reference.Version > Net8)
                .Select(reference => $"{Path.GetFileName(file)} -> {reference.Name} {reference.Version}"))
            .ToList();

        Assert.True(newer.Count == 0, string.Join("\n", newer));
    }

    private static List<(string Name, Version Version)> FrameworkReferences(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (Name: metadata.GetString(reference.Name), reference.Version))
            .Where(reference => reference.Name.StartsWith("Microsoft.", StringComparison.Ordinal) || reference.Name.StartsWith("System.", StringComparison.Ordinal))
            .ToList();
    }
}
