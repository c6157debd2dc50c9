using System.Text;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Configuration;

/// <summary>
/// docs/gunicorn-settings.md, written from the catalogue and <see cref="GunicornSettings"/>: every one of
/// Gunicorn's settings and how it stands here. A test keeps the file equal to it and complete against Gunicorn's list.
/// </summary>
internal static class GunicornReference
{
    public static string Markdown()
    {
        var rows = Settings.All.Where(s => !s.Ours)
            .Select(s => (s.Key, Flags: Flags([s.ShortFlag, s.Flag, .. s.Aliases]),
                Verdict: s.GunicornDifference is null ? "same" : "different",
                Note: s.GunicornDifference ?? ""))
            .Concat(GunicornSettings.All.Select(g => (g.Key, Flags: Flags(g.Flags), Verdict: Name(g.Verdict), Note: Sentence(g.Note))))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder()
            .Append("# Gunicorn's settings here\n\n")
            .Append("Every setting of Gunicorn's `config.py`, and how it stands in `supervisor`: the same (name, flag, default\n")
            .Append("and meaning), different (how), not applicable (why, and what to use), or not yet. A key or flag of Gunicorn's\n")
            .Append("that is not the same here is refused with the note below, never as unknown. Written from\n")
            .Append("`src/Supervisor/Configuration/Catalogue`; `UPDATE_DOCS=1 ./test.sh` rewrites it.\n\n")
            .Append("| Gunicorn setting | flags | here | note |\n")
            .Append("| --- | --- | --- | --- |\n");
        foreach (var row in rows)
        {
            text.Append("| `").Append(row.Key).Append("` | ").Append(row.Flags).Append(" | ")
                .Append(row.Verdict).Append(" | ").Append(row.Note.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        var ours = Settings.All.Where(s => s.Ours).Select(s => $"`{s.Key}`");
        return text.Append("\nSettings of `supervisor`'s own, which Gunicorn does not have: ")
            .Append(string.Join(", ", ours)).Append(". The README's configuration reference describes them.\n")
            .ToString();
    }

    private static string Flags(IEnumerable<string?> flags) =>
        string.Join(", ", flags.OfType<string>().Select(f => $"`{f}`"));

    private static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Same => "same",
        Verdict.Different => "different",
        Verdict.NotApplicable => "not applicable",
        _ => "not yet",
    };

    private static string Sentence(string note) => char.ToUpperInvariant(note[0]) + note[1..] + ".";
}
