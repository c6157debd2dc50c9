namespace Supervisor.Tests.Architecture;

/// <summary>
/// A namespace that uses a namespace that uses it back is one room drawn as two: no project under src/ has one.
/// See docs/architecture.md for the direction each room may look.
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Projects() => [.. SourceFile.All.Select(f => f.Project).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoProjectHasANamespaceCycle(string project)
    {
        var graph = new NamespaceGraph(SourceFile.All.Where(f => f.Project == project));

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, $"src/{project} has a namespace cycle:{Environment.NewLine}{(cycle is null ? "" : graph.Describe(cycle))}");
    }

    [Fact]
    public void EveryProjectUnderSrcIsRead()
    {
        var projects = SourceFile.All.Select(f => f.Project).ToHashSet();

        Assert.Superset(new HashSet<string> { "Supervisor", "Worker", "SampleApp" }, projects);
    }

    [Fact]
    public void TheSupervisorReadsItsRoomsByTheirUsings()
    {
        var runCommand = SourceFile.All.Single(f => f.RelativePath.EndsWith(Path.Combine("Commands", "RunCommand.cs"), StringComparison.Ordinal));

        Assert.Equal("Supervisor.Commands", runCommand.Namespace);
        Assert.Contains("Supervisor.Host", runCommand.Uses);
    }

    public sealed class TheCycleFinder
    {
        [Fact]
        public void NamesACycleThroughThreeNamespaces()
        {
            var graph = new NamespaceGraph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);

            Assert.Equal(["A", "B", "C", "A"], graph.FindCycle());
        }

        [Fact]
        public void NamesTwoNamespacesThatUseEachOther()
        {
            var graph = new NamespaceGraph([("Host", "Master"), ("Master", "Host")]);

            Assert.Equal("Host -> Master (given)" + Environment.NewLine + "Master -> Host (given)", graph.Describe(graph.FindCycle()!));
        }

        [Fact]
        public void SeesAChildNamespaceUseItsParentWithoutAUsing()
        {
            HashSet<string> none = [];
            var parent = new SourceFile("src/App/Root.cs", "App", "App", new HashSet<string> { "App.Api" }, new HashSet<string> { "JsonContext" }, none);
            var child = new SourceFile("src/App/Api/Endpoint.cs", "App", "App.Api", none, new HashSet<string> { "Endpoint" }, new HashSet<string> { "JsonContext" });
            var graph = new NamespaceGraph([parent, child]);

            var cycle = graph.FindCycle();

            Assert.Equal(["App", "App.Api", "App"], cycle);
            Assert.Contains("App.Api -> App (src/App/Api/Endpoint.cs, naming JsonContext)", graph.Describe(cycle!), StringComparison.Ordinal);
        }

        [Fact]
        public void FindsNoneWhenEveryEdgePointsDown()
        {
            var graph = new NamespaceGraph([("Commands", "Host"), ("Host", "Master"), ("Commands", "Master"), ("Master", "Platform")]);

            Assert.Null(graph.FindCycle());
        }
    }
}
