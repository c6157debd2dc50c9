namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// One of Gunicorn's settings that is not an entry of <see cref="Settings"/>: why, and what to use instead,
/// so a key or flag brought from Gunicorn is answered with that rather than "unknown".
/// </summary>
/// <param name="Key">Gunicorn's name for it.</param>
/// <param name="Flags">Gunicorn's flags for it, if any.</param>
/// <param name="Note">For the user: why, and what to do instead; a sentence without a final period.</param>
/// <param name="IsSwitch">Gunicorn's flag takes no value.</param>
internal sealed record GunicornSetting(string Key, string[] Flags, Verdict Verdict, string Note, bool IsSwitch = false)
{
    /// <summary>The problem reported when a configuration names it, by its key or by one of its flags.</summary>
    public string Problem() => Key + Verdict switch
    {
        Verdict.NotYet => $" is a Gunicorn setting this version does not have yet: {Note}; remove it (docs/gunicorn-settings.md lists every Gunicorn setting and how it stands here)",
        _ => $" is a Gunicorn setting with no meaning here: {Note}",
    };
}
