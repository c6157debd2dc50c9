using System.Text;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Configuration;

/// <summary>
/// The README's configuration reference, written from the catalogue: one table per section, one row per
/// setting. A test keeps the README equal to it.
/// </summary>
internal static class ReferenceTable
{
    public const string Begin = "<!-- settings: written from src/Supervisor/Configuration/Catalogue; UPDATE_DOCS=1 ./test.sh rewrites it -->";
    public const string End = "<!-- end of settings -->";

    /// <summary>The reference as Markdown, between and including <see cref="Begin"/> and <see cref="End"/>.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder().Append(Begin).Append('\n');
        foreach (var section in Settings.Sections)
        {
            text.Append('\n').Append("### ").Append(section).Append("\n\n")
                .Append("| key | type | default | flag | meaning |\n")
                .Append("| --- | --- | --- | --- | --- |\n");
            foreach (var setting in Settings.All.Where(s => s.Section == section))
            {
                text.Append("| `").Append(setting.Key).Append("` | ")
                    .Append(Cell(setting.Type)).Append(" | ")
                    .Append(Default(setting)).Append(" | ")
                    .Append(Flags(setting)).Append(" | ")
                    .Append(Cell(setting.Details is null ? setting.Help : $"{setting.Help} {setting.Details}")).Append(" |\n");
            }
        }

        return text.Append('\n').Append(End).ToString();
    }

    private static string Default(Setting setting)
    {
        if (setting.Required is not null)
        {
            return "required";
        }

        var value = setting.Default is null ? "unset" : Code(setting.DefaultText);
        return setting.DefaultNote is null ? value : $"{value} ({Cell(setting.DefaultNote)})";
    }

    private static string Flags(Setting setting)
    {
        if (setting.Flag is null)
        {
            return setting.HelpName is null ? "" : Code(setting.HelpName);
        }

        var flags = setting.ShortFlag is null ? Code(setting.Flag) : $"{Code(setting.ShortFlag)}, {Code(setting.Flag)}";
        return setting.Repeatable ? flags + " (repeatable)" : flags;
    }

    private static string Code(string text) => "`" + Cell(text) + "`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
