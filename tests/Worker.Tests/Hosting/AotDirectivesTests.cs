using System.Xml.Linq;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Hosting;

/// <summary>
/// The Native AOT directives the Worker package adds to an app's publish (build/Supervisor.Worker.rd.xml): every type
/// they name must exist, or an app's publish fails; and a worker's start must resolve no generic type they leave out,
/// or Native AOT builds it at run time on every boot and recycle.
/// </summary>
public sealed class AotDirectivesTests
{
    private static readonly XNamespace Directives = "http://schemas.microsoft.com/netfx/2013/01/metadata";

    [Fact]
    public void EveryTypeTheDirectivesNameExistsInThisRuntime()
    {
        var types = DirectiveTypes();
        Assert.True(types.Count > 100, $"only {types.Count} types named");
        Assert.Contains("Microsoft.Extensions.Options.OptionsFactory`1[Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions]", types);
    }

    [Fact]
    public async Task AWorkersStartResolvesNoGenericTypeTheDirectivesLeaveOut()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"worker-tests-services-{Guid.NewGuid():N}.txt");
        try
        {
            using var master = new FakeMaster();
            using var worker = master.StartWorker(0, new Dictionary<string, string?>
            {
                ["DOTNET_STARTUP_HOOKS"] = typeof(ServiceTraceListener).Assembly.Location,
                [ServiceTraceListener.Variable] = trace,
            });
            await master.WaitForStateAsync(0, WorkerState.Ready, worker);
            using var client = master.NewConnectionPerRequestClient();
            Assert.Equal("Hello, World!", await client.GetStringAsync("/"));

            var built = ServiceTraceListener.GenericTypesBuilt(File.ReadAllText(trace));
            Assert.Contains("Microsoft.Extensions.Options.OptionsFactory`1[Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions]", built);
            var missing = built.Except(DirectiveTypes()).Order(StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"a worker's start built {missing.Count} generic type(s) that Supervisor.Worker.rd.xml leaves out:\n{string.Join('\n', missing)}");
        }
        finally
        {
            File.Delete(trace);
        }
    }

    /// <summary>Each type the directives name, loaded (so it exists) and named as the container names it; an array by its items.</summary>
    private static HashSet<string> DirectiveTypes()
    {
        var document = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Supervisor.Worker.rd.xml"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in document.Descendants(Directives + "Assembly"))
        {
            foreach (var type in assembly.Elements(Directives + "Type"))
            {
                var name = $"{type.Attribute("Name")!.Value}, {assembly.Attribute("Name")!.Value}";
                var loaded = Type.GetType(name, throwOnError: false) ?? throw new Xunit.Sdk.XunitException($"no such type in this runtime: {name}");
                names.Add((loaded.IsArray ? loaded.GetElementType()! : loaded).ToString());
            }
        }

        return names;
    }
}
