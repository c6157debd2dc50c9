namespace Supervisor.Configuration.Values;

/// <summary>How a reload (HUP) replaces the running workers.</summary>
internal enum ReloadStrategy
{
    /// <summary>Start the whole new generation at once; drain an old worker as each new one is READY (Gunicorn's way).</summary>
    All,

    /// <summary>One worker at a time, so at most workers + 1 processes exist (Puma's phased restart).</summary>
    Rolling,
}
