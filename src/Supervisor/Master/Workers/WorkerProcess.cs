using System.Diagnostics;
using Supervisor.Platform;

namespace Supervisor.Master.Workers;

/// <summary>A real worker process.</summary>
internal sealed class WorkerProcess : IWorkerProcess
{
    private readonly Process _process;

    public WorkerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        Exited = WaitAsync(process);
    }

    public int Pid { get; }

    public Task<int> Exited { get; }

    public bool Signal(int signal) => !Exited.IsCompleted && Libc.Kill(Pid, signal, out _);

    private static async Task<int> WaitAsync(Process process)
    {
        // Process reaps the child itself; the exit code of a child killed by signal S is 128 + S.
        await process.WaitForExitAsync().ConfigureAwait(false);
        var code = process.ExitCode;
        process.Dispose();
        return code;
    }
}
