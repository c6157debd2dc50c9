using System.Globalization;

namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// The range of a whole-number setting, written once: the type the README shows and the words a problem uses
/// both come from it.
/// </summary>
/// <param name="Unit">"seconds" or "MiB"; null for a plain count.</param>
/// <param name="Note">What a special value means, e.g. "0 turns it off"; null when none does.</param>
internal sealed record WholeNumber(long Min, long Max, string? Unit = null, string? Note = null)
{
    /// <summary>Seconds whose milliseconds still fit the runtime's timers (int milliseconds).</summary>
    public const int MaxSeconds = int.MaxValue / 1000;

    public static WholeNumber Seconds(string? note = null) => new(0, MaxSeconds, "seconds", note);

    /// <summary>As the README shows it: "integer 1..65535", "integer >= 0", "integer seconds, 0..2147483".</summary>
    public string Type => Unit is null
        ? Max == int.MaxValue ? Text($"integer >= {Min}") : Text($"integer {Min}..{Max}")
        : Text($"integer {Unit}, {Min}..{Max}");

    /// <summary>As a problem words it: "an integer from 1 to 65535 (0 turns it off)".</summary>
    public string Allowed
    {
        get
        {
            var range = Unit is null
                ? Max == int.MaxValue ? Text($"an integer >= {Min}") : Text($"an integer from {Min} to {Max}")
                : Text($"a whole number of {Unit} from {Min} to {Max}");
            return Note is null ? range : $"{range} ({Note})";
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
