namespace Supervisor.Configuration.Values;

/// <summary>How a worker process becomes a worker: by the Worker library the app calls, or injected into it.</summary>
internal enum AppMode
{
    /// <summary>Inject the Worker library unless the app already ships it.</summary>
    Auto,

    /// <summary>The app calls <c>UseSupervisorWorker()</c> itself; nothing is injected.</summary>
    Library,

    /// <summary>Inject the Worker library into the unmodified app (a framework-dependent ASP.NET Core app).</summary>
    Inject,
}
