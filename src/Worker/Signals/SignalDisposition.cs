using System.Globalization;
using System.Runtime.InteropServices;
using Supervisor.Worker.Native;

namespace Supervisor.Worker.Signals;

/// <summary>
/// Signals a process inherited as ignored. exec keeps SIG_IGN: <c>nohup</c> ignores HUP, and a non-interactive
/// shell starts background jobs with INT and QUIT ignored. .NET respects an ignored signal: a
/// <see cref="PosixSignalRegistration"/> for it never runs. Worse, the runtime takes INT and QUIT at start-up, so
/// for those two it has already decided, before any code of ours runs, that they stay ignored. Python installs its
/// handlers whatever the inherited disposition, and a supervisor must too: see <see cref="Handle"/>.
/// </summary>
internal static unsafe class SignalDisposition
{
    private const nint SIG_DFL = 0;
    private const nint SIG_IGN = 1;

    // Larger than struct sigaction (152 bytes on x86-64 and arm64); its first field is the handler.
    private const int SigActionSize = 256;

    /// <summary>
    /// Registers handlers for these signals whatever their inherited disposition: an ignored one is put back to
    /// its default first (so the runtime installs its handler), and one the runtime had already written off as
    /// ignored gets the runtime's own handler, copied from a signal it did install. The runtime's handler only
    /// hands the signal to its dispatching thread, which calls the registrations. Returns the registrations.
    /// </summary>
    public static List<PosixSignalRegistration> Handle(IReadOnlyList<(PosixSignal Signal, int Number, Action<PosixSignalContext> Handler)> signals)
    {
        var list = signals.ToList();
        RestoreIgnored(list.Select(s => s.Number));
        var registrations = list.Select(s => PosixSignalRegistration.Create(s.Signal, s.Handler)).ToList();
        RepairUnhandled(list.Select(s => s.Number).ToList());
        return registrations;
    }

    /// <summary>Gives the signals still without a handler (default or ignored) the handler another one has.</summary>
    private static void RepairUnhandled(IReadOnlyList<int> signals)
    {
        var donor = stackalloc byte[SigActionSize];
        var current = stackalloc byte[SigActionSize];
        var found = false;
        foreach (var signal in signals)
        {
            if (Libc.SigAction(signal, null, donor) == 0 && *(nint*)donor is not (SIG_DFL or SIG_IGN))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            return;
        }

        foreach (var signal in signals)
        {
            new Span<byte>(current, SigActionSize).Clear();
            if (Libc.SigAction(signal, null, current) == 0 && *(nint*)current is SIG_DFL or SIG_IGN)
            {
                Libc.SigAction(signal, donor, null);
            }
        }
    }

    /// <summary>
    /// Gives each of these signals its default action again where it was ignored; a signal with a handler is
    /// left alone (it may be the runtime's own). Returns the signals that were ignored.
    /// </summary>
    public static IReadOnlyList<int> RestoreIgnored(IEnumerable<int> signals, string procStatus = "/proc/self/status")
    {
        var ignored = ReadIgnoredMask(procStatus);
        var restored = new List<int>();
        foreach (var signal in signals)
        {
            if ((ignored & (1UL << (signal - 1))) != 0)
            {
                Libc.SetHandler(signal, SIG_DFL);
                restored.Add(signal);
            }
        }

        return restored;
    }

    /// <summary>True when the process with this status file ignores the signal.</summary>
    public static bool IsIgnored(int signal, string procStatus) => (ReadIgnoredMask(procStatus) & (1UL << (signal - 1))) != 0;

    /// <summary>The SigIgn line of a /proc status file: bit N-1 set when signal N is ignored; 0 when unreadable.</summary>
    public static ulong ReadIgnoredMask(string procStatus)
    {
        try
        {
            foreach (var line in File.ReadLines(procStatus))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                {
                    return ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone, or /proc is not mounted: nothing to restore.
        }

        return 0;
    }
}
