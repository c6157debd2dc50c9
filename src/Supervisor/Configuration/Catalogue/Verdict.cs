namespace Supervisor.Configuration.Catalogue;

/// <summary>How one of Gunicorn's settings stands here.</summary>
internal enum Verdict
{
    /// <summary>Same name, same meaning.</summary>
    Same,

    /// <summary>Here, with a difference the note says.</summary>
    Different,

    /// <summary>Means nothing outside Python or Gunicorn's own machinery; the note says why and what to use.</summary>
    NotApplicable,

    /// <summary>Means something here, but this version does not have it yet.</summary>
    NotYet,
}
