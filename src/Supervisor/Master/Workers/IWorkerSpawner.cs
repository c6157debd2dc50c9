namespace Supervisor.Master.Workers;

/// <summary>Starts worker processes; a seam so the arbiter's logic is tested without real processes.</summary>
internal interface IWorkerSpawner
{
    /// <summary>Starts a worker, or throws <see cref="HaltException"/> when the app cannot be started at all.</summary>
    IWorkerProcess Spawn(WorkerSpec spec);
}
