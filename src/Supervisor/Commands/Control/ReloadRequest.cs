using Supervisor.Host;
using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>
/// Reloads the master (HUP) and waits, up to a deadline, for its verdict on the configuration: the master
/// writes it to <c>PIDFILE.reload</c> (<see cref="ReloadOutcome"/>) once it has read the configuration again,
/// and a refusal is an error that carries the master's reasons.
/// </summary>
internal static class ReloadRequest
{
    public static void Reload(IMasterProcessHandle master, string pidFile, TimeSpan timeout, TextWriter output)
    {
        // Only an outcome written after this HUP counts: one with this master's pid and a later sequence number.
        var path = ReloadOutcome.PathFor(pidFile);
        var before = ReloadOutcome.Read(path) is { } earlier && earlier.Pid == master.Pid ? earlier.Sequence : 0;
        master.Send(ControlSignal.Hup);
        output.WriteLine(ControlMessages.Reloading(master.Pid));

        ReloadOutcome? outcome = null;
        bool Answered() => (outcome = ReloadOutcome.Read(path)) is { } o && o.Pid == master.Pid && o.Sequence > before;
        if (!Poll.Until(() => Answered() || !master.IsRunning(), timeout))
        {
            throw new ControlException(ControlMessages.ReloadUnanswered(master.Pid, path, timeout));
        }

        if (!Answered())
        {
            throw new ControlException(ControlMessages.MasterExited(master.Pid));
        }

        if (!outcome!.Accepted)
        {
            throw new ControlException(ControlMessages.ReloadRefused(master.Pid, outcome.Reasons));
        }

        output.WriteLine(ControlMessages.ReloadAccepted(master.Pid));
    }
}
