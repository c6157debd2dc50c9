using System.Text.RegularExpressions;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Architecture;

/// <summary>
/// One .cs file under src/: its project (the folder under src/), its namespace, and the namespaces of its own
/// project it names, by a using directive or a fully qualified name. Comments and string literals are left out,
/// so a log category or a doc comment that names a namespace is no dependency. A file also uses, with no using
/// at all, the types of the namespaces that enclose its own: <see cref="Names"/> and <see cref="Declares"/> let
/// the graph see those.
/// </summary>
public sealed partial record SourceFile(
    string RelativePath, string Project, string? Namespace, IReadOnlySet<string> Uses, IReadOnlySet<string> Declares, IReadOnlySet<string> Names)
{
    public static IReadOnlyList<SourceFile> All { get; } = Load();

    private static List<SourceFile> Load()
    {
        var src = Path.Combine(Repository.Root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(src, path)))
            .Select(path => Read(src, path))
            .ToList();
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static SourceFile Read(string src, string path)
    {
        var relative = Path.GetRelativePath(Repository.Root, path);
        var project = Path.GetRelativePath(src, path).Split(Path.DirectorySeparatorChar)[0];
        var code = StringsAndComments().Replace(File.ReadAllText(path), " ");
        var ns = NamespaceDeclaration().Match(code) is { Success: true } m ? m.Groups[1].Value : null;
        var root = (ns ?? project).Split('.')[0];
        var uses = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match u in UsingDirective().Matches(code))
        {
            if (IsOf(u.Groups[1].Value, root))
            {
                uses.Add(u.Groups[1].Value);
            }
        }

        foreach (Match q in QualifiedName().Matches(code))
        {
            if (q.Groups[1].Value == root && !q.Value.Equals(ns, StringComparison.Ordinal))
            {
                uses.Add(q.Value);
            }
        }

        var declares = TypeDeclaration().Matches(code).Select(d => d.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var names = SimpleName().Matches(code).Select(n => n.Value).ToHashSet(StringComparer.Ordinal);
        return new SourceFile(relative, project, ns, uses, declares, names);
    }

    private static bool IsOf(string name, string root) => name == root || name.StartsWith(root + ".", StringComparison.Ordinal);

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", RegexOptions.Singleline)]
    private static partial Regex StringsAndComments();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(\w+)(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    // A type named on its own, not as a member of something else.
    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*")]
    private static partial Regex SimpleName();
}
