using System.Runtime.InteropServices;
using Supervisor.Master;
using Supervisor.Platform;
using Supervisor.Worker.Signals;

namespace Supervisor.Host;

/// <summary>
/// Turns the master's signals into arbiter events. Handlers only post and return; since .NET 10 the runtime
/// no longer handles TERM for us, and cancelling the default keeps the process alive for the arbiter to stop it.
/// A signal the master inherited as ignored (under <c>nohup</c>, or as a script's background job) is handled all
/// the same, and its workers start with the default dispositions.
/// </summary>
internal sealed class MasterSignals : IDisposable
{
    /// <summary>Every signal the master documents; CHLD is the runtime's (it reports exits), but must not stay ignored.</summary>
    public static readonly int[] Handled =
        [Libc.SIGTERM, Libc.SIGINT, Libc.SIGQUIT, Libc.SIGHUP, Libc.SIGTTIN, Libc.SIGTTOU, Libc.SIGUSR1, Libc.SIGUSR2, Libc.SIGWINCH];

    private readonly List<PosixSignalRegistration> _registrations;

    public MasterSignals(Arbiter arbiter)
    {
        // CHLD is the runtime's (it reports the workers' exits); it installs its handler with the first process
        // started, which is after this, and must not find CHLD ignored (the kernel would reap behind its back).
        SignalDisposition.RestoreIgnored([Libc.SIGCHLD]);
        _registrations = SignalDisposition.Handle(Handled.Select(signal => ((PosixSignal)ToPosix(signal), signal, new Action<PosixSignalContext>(context =>
        {
            context.Cancel = true;
            arbiter.Post(new ArbiterEvent.SignalReceived(signal));
        }))).ToList());
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
