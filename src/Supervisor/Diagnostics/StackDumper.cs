namespace Supervisor.Diagnostics;

/// <summary>
/// Captures the managed stacks of a live .NET process, such as a worker past its timeout, so the log shows the line
/// of app code it was stuck on. Never throws and never takes longer than the limit it is given.
/// </summary>
internal static class StackDumper
{
    /// <summary>
    /// The report of <see cref="StackReport"/> for the process, or null when it cannot be had: the process is gone,
    /// is not .NET, has its diagnostics turned off, or nothing was read before the limit.
    /// </summary>
    public static string? Dump(int pid, TimeSpan limit)
    {
        // A process cannot usefully dump itself from the thread that waits for the dump.
        if (pid <= 0 || pid == Environment.ProcessId || limit <= TimeSpan.Zero)
        {
            return null;
        }

        // A fresh name in the temp folder: the worker, which may run as another user, writes it; the capture deletes it.
        var dumpPath = Path.Combine(Path.GetTempPath(), $"supervisor-stacks-{pid}-{Guid.NewGuid():N}.dmp");
        var capture = new StackCapture(pid, dumpPath);

        // A thread of its own, not the thread pool: if the dump outlives the limit, the thread left behind neither
        // starves the pool nor keeps the master from exiting.
        var thread = new Thread(capture.Run) { IsBackground = true, Name = $"Stack dump of {pid}" };
        thread.Start();
        if (!thread.Join(limit))
        {
            capture.Stop();
        }

        return capture.Result() is { } result ? StackReport.Format(pid, result.Threads, result.Complete) : null;
    }
}
