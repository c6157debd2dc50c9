using System.Reflection;
using System.Runtime.Loader;

namespace Supervisor.Worker.Injection;

/// <summary>
/// Loads the Worker library and its Serilog from the injection folder, apart from the app's own assemblies: an app
/// on another Serilog keeps its version and the worker keeps its own. Everything else (the shared framework, with
/// the ASP.NET Core and Microsoft.Extensions types the worker and the app exchange) comes from the app's context,
/// so those types are one and the same on both sides.
/// </summary>
internal sealed class WorkerLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public WorkerLoadContext(string folder)
        : base("Supervisor.Worker")
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? "";
        if (name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(_folder, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
