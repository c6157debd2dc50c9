using System.Runtime.InteropServices;
using Supervisor.Worker.Native;

namespace Supervisor.Worker.Lifecycle;

/// <summary>
/// Tells whether the master is gone. Not PR_SET_PDEATHSIG: it fires when the spawning *thread* exits.
/// </summary>
/// <remarks>
/// The parent pid is compared with the one seen at start (as Gunicorn does) rather than with the
/// master's pid, so a worker started through a wrapper still works; the master's pid is probed with
/// kill(pid, 0) in case the worker was reparented to something else that is not the master.
/// </remarks>
internal sealed class MasterWatch
{
    private readonly int _masterPid;
    private readonly int _parentAtStart;

    public MasterWatch(int masterPid)
    {
        _masterPid = masterPid;
        _parentAtStart = Libc.GetParentPid();
    }

    public bool IsMasterGone()
    {
        if (Libc.GetParentPid() != _parentAtStart)
        {
            return true;
        }

        return Libc.Kill(_masterPid, 0) != 0 && Marshal.GetLastPInvokeError() == Libc.ESRCH;
    }
}
