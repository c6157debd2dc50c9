using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>Stops the master (TERM, or QUIT when quick) and, when asked, waits for it to be gone.</summary>
internal static class StopRequest
{
    /// <param name="wait">How long to wait for the master to exit; null to return once the signal is sent.</param>
    public static void Stop(IMasterProcessHandle master, bool quick, TimeSpan? wait, TextWriter output)
    {
        var signal = quick ? ControlSignal.Quit : ControlSignal.Term;
        master.Send(signal);
        output.WriteLine(ControlMessages.Stopping(signal, master.Pid));
        if (wait is not { } timeout)
        {
            return;
        }

        if (!Poll.Until(() => !master.IsRunning(), timeout))
        {
            throw new ControlException(ControlMessages.StillRunning(signal, master.Pid, timeout));
        }

        output.WriteLine(ControlMessages.Stopped(master.Pid));
    }
}
