using System.Runtime.InteropServices;
using Supervisor.Native;

namespace Supervisor.Master;

/// <summary>
/// Turns the master's signals into arbiter events. Handlers only post and return; since .NET 10 the runtime
/// no longer handles TERM for us, and cancelling the default keeps the process alive for the arbiter to stop it.
/// </summary>
internal sealed class MasterSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public MasterSignals(Arbiter arbiter)
    {
        foreach (var signal in new[] { Libc.SIGTERM, Libc.SIGINT, Libc.SIGQUIT, Libc.SIGHUP, Libc.SIGTTIN, Libc.SIGTTOU, Libc.SIGUSR1, Libc.SIGUSR2, Libc.SIGWINCH })
        {
            _registrations.Add(PosixSignalRegistration.Create((PosixSignal)ToPosix(signal), context =>
            {
                context.Cancel = true;
                arbiter.Post(new ArbiterEvent.SignalReceived(signal));
            }));
        }
    }

    /// <summary>PosixSignal names the portable signals with negative values; others pass as raw numbers.</summary>
    private static int ToPosix(int signal) => signal switch
    {
        Libc.SIGTERM => (int)PosixSignal.SIGTERM,
        Libc.SIGINT => (int)PosixSignal.SIGINT,
        Libc.SIGQUIT => (int)PosixSignal.SIGQUIT,
        Libc.SIGHUP => (int)PosixSignal.SIGHUP,
        Libc.SIGTTIN => (int)PosixSignal.SIGTTIN,
        Libc.SIGTTOU => (int)PosixSignal.SIGTTOU,
        Libc.SIGWINCH => (int)PosixSignal.SIGWINCH,
        _ => signal,
    };

    public void Dispose() => _registrations.ForEach(r => r.Dispose());
}
