namespace Supervisor.Tests.Architecture;

/// <summary>
/// Which namespace of a project uses which: an edge A → B when a file of A names B (or a type in B, by its
/// full name), or when a file of A names a type declared in a namespace that encloses A (C# needs no using for
/// those). A name longer than any namespace of the project is cut back to the longest one it starts with.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _because = [];

    public NamespaceGraph(IEnumerable<SourceFile> files)
    {
        var list = files.Where(f => f.Namespace is not null).ToList();
        var known = list.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        var declared = list.GroupBy(f => f.Namespace!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => f.Declares).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in list)
        {
            foreach (var enclosing in Enclosing(file.Namespace!).Where(known.Contains))
            {
                if (file.Names.FirstOrDefault(declared[enclosing].Contains) is { } type)
                {
                    Add(file.Namespace!, enclosing, $"{file.RelativePath}, naming {type}");
                }
            }

            foreach (var used in file.Uses)
            {
                if (Resolve(used, known) is { } target && target != file.Namespace)
                {
                    Add(file.Namespace!, target, file.RelativePath);
                }
            }
        }
    }

    /// <summary>For a graph drawn by hand: each pair is one edge.</summary>
    public NamespaceGraph(IEnumerable<(string From, string To)> edges)
    {
        foreach (var (from, to) in edges)
        {
            Add(from, to, "given");
        }
    }

    /// <summary>A cycle as the list of namespaces it passes, the first repeated at the end; null when none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        var path = new List<string>();
        foreach (var start in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>The cycle with, for each step, a file that makes it.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(Environment.NewLine, cycle.Zip(cycle.Skip(1), (a, b) => $"{a} -> {b} ({_because[(a, b)]})"));

    private List<string>? Visit(string node, Dictionary<string, bool> state, List<string> path)
    {
        if (state.TryGetValue(node, out var done))
        {
            return done ? null : [.. path.Skip(path.IndexOf(node)), node];
        }

        state[node] = false;
        path.Add(node);
        foreach (var next in _edges.GetValueOrDefault(node) ?? [])
        {
            if (Visit(next, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[node] = true;
        return null;
    }

    private void Add(string from, string to, string because)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedSet<string>(StringComparer.Ordinal);
        }

        if (targets.Add(to))
        {
            _because[(from, to)] = because;
        }
    }

    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
        {
            yield return ns[..dot];
        }
    }

    private static string? Resolve(string name, HashSet<string> known)
    {
        for (var candidate = name; ; candidate = candidate[..candidate.LastIndexOf('.')])
        {
            if (known.Contains(candidate))
            {
                return candidate;
            }

            if (!candidate.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }
        }
    }
}
