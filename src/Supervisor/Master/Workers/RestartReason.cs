namespace Supervisor.Master.Workers;

/// <summary>Why a worker was replaced, as counted in the metrics.</summary>
internal enum RestartReason
{
    /// <summary>It served its request quota (max_requests).</summary>
    Quota,

    /// <summary>It was killed after passing the timeout.</summary>
    Timeout,

    /// <summary>It died unexpectedly.</summary>
    Crash,

    /// <summary>Its memory passed max_worker_memory.</summary>
    Memory,

    /// <summary>It lived past its max_worker_lifetime.</summary>
    Lifetime,

    /// <summary>A reload (HUP) replaced its generation.</summary>
    Reload,
}
