using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>
/// Adds or removes workers one signal at a time (TTIN or TTOU), waiting after each until the scoreboard
/// shows the new number of ready workers, so that the command ends when the change has happened.
/// </summary>
internal sealed class WorkerScaler
{
    private readonly IMasterProcessHandle _master;
    private readonly Func<WorkerCount> _count;
    private readonly TimeSpan _timeout;
    private readonly TextWriter _output;

    /// <param name="timeout">How long each step may take: a new worker has to boot, an old one to stop accepting.</param>
    public WorkerScaler(IMasterProcessHandle master, Func<WorkerCount> count, TimeSpan timeout, TextWriter output)
    {
        _master = master;
        _count = count;
        _timeout = timeout;
        _output = output;
    }

    public void Scale(ScaleChange change)
    {
        // From the workers the master keeps, not only the ready ones: one that is booting will be ready.
        var workers = _count().Wanted;
        if (workers + change.Delta < 1)
        {
            throw new ControlException(ControlMessages.ScaleBelowOne(change, _master.Pid, workers));
        }

        var step = Math.Sign(change.Delta);
        for (var i = 0; i < change.Steps; i++)
        {
            workers += step;
            _master.Send(change.Signal);
            WaitForReady(workers);
            _output.WriteLine(ControlMessages.Scaled(change.Signal, _master.Pid, workers));
        }
    }

    private void WaitForReady(int expected)
    {
        var ready = 0;
        var running = true;
        var done = Poll.Until(() => (ready = _count().Ready) == expected || !(running = _master.IsRunning()), _timeout);
        if (!running)
        {
            throw new ControlException(ControlMessages.MasterExited(_master.Pid));
        }

        if (!done)
        {
            throw new ControlException(ControlMessages.ScaleTimedOut(_master.Pid, expected, ready, _timeout));
        }
    }
}
