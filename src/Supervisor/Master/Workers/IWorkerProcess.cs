namespace Supervisor.Master.Workers;

/// <summary>A running worker as the arbiter sees it: a pid, a way to signal it, and its exit.</summary>
internal interface IWorkerProcess
{
    int Pid { get; }

    /// <summary>Completes with the exit code (128 + S when killed by signal S).</summary>
    Task<int> Exited { get; }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    bool Signal(int signal);
}
